import ArgumentParser
import Foundation
import LimberCore

/// `limber profile`: the health conditions every plan, routine and session takes into account.
struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Show or save the health conditions Limber takes into account.",
        discussion: """
            With --condition, Limber leaves out stretches to avoid with it from its own routines and plans, \
            puts another in their place where it can, and shows the cautions that concern you before each \
            session. The conditions given replace the ones saved before.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("condition"),
        help: "A condition that applies to you: \(Condition.acceptedValues). Repeat for more than one.")
    var conditions: [Condition] = []

    @Flag(help: "Forget the saved conditions.")
    var clear = false

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if clear && !conditions.isEmpty {
            throw ValidationError("--clear: give either --clear or --condition, not both")
        }
    }

    func run() async throws {
        if clear || !conditions.isEmpty {
            let store = try storeOptions.openStore().store
            try await store.setConditions(clear ? nil : conditions, profile: .local)
        }
        let saved = try await storeOptions.existingConditions()
        let names = Condition.allCases.filter(saved.contains)
        if json {
            struct Output: Encodable { var conditions: [Condition] }
            return try printJSON(Output(conditions: names))
        }
        if names.isEmpty {
            print(clear ? "Forgotten: no health conditions are saved now." : "No health conditions are saved.")
            print("Save one with, for example, `limber profile --condition knee`.")
        } else {
            print("Saved: \(names.map(\.title).joined(separator: ", ")).")
            print("Limber's own routines and plans leave out what to avoid with these, and say what replaced it.")
        }
    }
}
