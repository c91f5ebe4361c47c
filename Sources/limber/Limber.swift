import ArgumentParser
import Foundation
import LimberCore

/// The `limber` command: a guided stretching coach for muscle spasms and cramps.
@main
struct Limber: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limber",
        abstract: "A guided stretching coach for muscle spasms and cramps.",
        discussion: """
            Limber suggests stretches that may help where a cramp or spasm happens and guides you through them. \
            It gives exercise guidance, not a diagnosis: talk to a doctor about spasms that last long, keep \
            coming back, or come with swelling, weakness or numbness.
            """,
        version: "limber \(LimberVersion.current)",
        subcommands: [
            RegionsCommand.self, ListCommand.self, ShowCommand.self, RoutinesCommand.self, PlanCommand.self,
            TimelineCommand.self, StartCommand.self, LogCommand.self, HistoryCommand.self, DeleteCommand.self,
            ExportCommand.self, ImportCommand.self, ServeCommand.self, CheckCommand.self, SafetyCommand.self,
            ProgressCommand.self, ReviewCommand.self, RemindCommand.self, ProfileCommand.self, UsersCommand.self,
            StoreCommand.self, HandoutCommand.self,
            TraceCommand.self,
        ]
    )

    /// Every bad input exits with code 2 and one line on stderr, whether the parser or Limber found it.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            // A deliberate exit code (such as 3 for an urgent warning sign) has already said why.
            Foundation.exit(code.rawValue)
        } catch let error as UserError {
            FileHandle.standardError.write(Data("limber: \(error.message)\n".utf8))
            Foundation.exit(2)
        } catch let error as EnvironmentError {
            FileHandle.standardError.write(Data("limber: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            // The parser's own wording for a bad value becomes Limber's "field: value; what is accepted".
            let message = ArgumentErrorText.oneLine(self.message(for: error))
            FileHandle.standardError.write(Data("limber: \(message)\n".utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// A problem with what the user asked for or gave; printed as one line, exit code 2.
struct UserError: Error {
    var message: String

    init(_ message: String) { self.message = message }
    init(_ error: CatalogError) { self.message = error.description }
    init(_ error: PlanningError) { self.message = error.description }
}
