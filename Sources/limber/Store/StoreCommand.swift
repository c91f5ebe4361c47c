import ArgumentParser
import Foundation
import LimberStore

/// `limber store copy`: moving house, from one database to another.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Move the records to another database.", subcommands: [Copy.self])

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy everything, accounts included, from one database to another, and check the counts.",
            discussion: """
                Each record is added only when the target lacks it, so running it again copies nothing twice \
                and finishes a copy that was cut short. People sign in again on the new database: sign-ins, \
                invitations and failed sign-ins are not copied. The source is only read.
                """)

        @Option(help: "The database to copy from: a SQLite file or a postgres:// address.") var from: String
        @Option(help: "The database to copy into: a SQLite file or a postgres:// address.") var to: String

        func validate() throws {
            guard from != to else {
                throw ValidationError("--to: \"\(to)\" is not accepted; give another database than --from")
            }
        }

        func run() async throws {
            var source = StoreOptions()
            source.path = from
            var target = StoreOptions()
            target.path = to
            let (sourceStore, sourceShown) = try await source.openStoreForReading()
            let (targetStore, targetShown) = try await target.openStore()
            let report: StoreCopy.Report
            do {
                report = try await StoreCopy.run(from: sourceStore, to: targetStore)
            } catch let refusal as StoreCopy.Refusal {
                throw UserError(refusal.description)
            } catch let error as AccountStoreError {
                throw UserError(error.description)
            }
            print("From \(sourceShown) to \(targetShown).")
            print("Added: \(report.added)")
            print("Source: \(report.source)")
            print("Target: \(report.target)")
            guard report.countsMatch else {
                throw EnvironmentError(
                    "store copy: the counts differ; the target had records of its own, or a write failed; "
                        + "nothing was removed, and running it again adds what is missing")
            }
            print("The counts match.")
        }
    }
}
