import ArgumentParser
import Foundation
import LimberCore
import LimberServer

/// `limber handout ROUTINE`: the routine as a printable page, with the person's own doses.
struct HandoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Write a printable handout of a routine (HTML) with its figures, steps, doses and warning signs.",
        discussion: """
            Open the file in a browser and print it, or save it as a PDF. It is self-contained: the \
            figures and styles are inside the file, so it works offline and can be sent on.
            """)

    @OptionGroup var catalogSource: CatalogSource
    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The routine id, as `limber routines` prints it: one of Limber's own or one you made.")
    var routine: String

    @Option(name: .shortAndLong, help: "Write the handout to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let catalog = try catalogSource.load()
        let fitted = try await storeOptions.existingLibrary(catalog: catalog).playable(
            routine, conditions: try await storeOptions.existingConditions())
        let html = try await Handout(catalog: catalog, safety: try SafetyChecklist.content()).render(
            fitted.routine, personalDoses: try await storeOptions.existingPersonalDoses(), form: .file)
        guard let output else { return print(html) }
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw UserError(
                "--output: cannot write \"\(output)\" (\(error.localizedDescription)); choose a folder you can write to"
            )
        }
        print("Wrote the handout for \(fitted.routine.name) to \(output). Open it in a browser to print it.")
    }
}
