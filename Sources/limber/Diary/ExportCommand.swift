import ArgumentParser
import Foundation
import LimberCore
import LimberServer
import LimberStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole diary and session history as JSON or CSV, or your reminders as iCalendar.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, ics
    }

    @OptionGroup var catalogSource: CatalogSource
    @OptionGroup var storeOptions: StoreOptions

    @Option(
        help: "json (readable by `limber import`), csv (for a spreadsheet) or ics (your reminders, for a calendar).")
    var format: Format = .json

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if let output, let problem = FileCheck.problemWriting(output) {
            throw ValidationError(Self.refused(output, problem))
        }
    }

    private static func refused(_ output: String, _ problem: String) -> String {
        "output: \"\(output)\" is not accepted; \(problem); name a file in a folder of your own, "
            + "such as ~/limber-diary.json"
    }

    func run() async throws {
        let (store, _) = try await storeOptions.openStoreForReading()
        let export = DiaryExport(
            exportedAt: Date(),
            episodes: try await store.episodes(profile: storeOptions.person, since: nil, region: nil),
            sessions: try await store.sessions(profile: storeOptions.person, since: nil))
        let data =
            switch format {
            case .json: try export.jsonData() + Data("\n".utf8)
            case .csv: Data(export.csv().utf8)
            case .ics:
                Data(
                    try await CalendarFeed.text(
                        library: RoutineLibrary(
                            catalog: try catalogSource.load(), store: store, profile: storeOptions.person),
                        now: export.exportedAt
                    ).utf8)
            }
        guard let output else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            // Atomic, so an interrupted export never leaves half a file where a good one was.
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw UserError(Self.refused(output, FileCheck.reason(writing: output, error: error)))
        }
        if format == .ics {
            print("Wrote \(try await store.reminders(profile: storeOptions.person).count) reminders to \(output).")
        } else {
            print("Wrote \(export.episodes.count) episodes and \(export.sessions.count) sessions to \(output).")
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Read a JSON export back; records already there are skipped.")

    @OptionGroup var catalogSource: CatalogSource
    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "A file written by `limber export --format json`.")
    var file: String

    func validate() throws {
        if let problem = FileCheck.problemReading(file) {
            throw ValidationError(
                "file: \"\(file)\" is not accepted; \(problem); give a file `limber export --format json` wrote")
        }
    }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw UserError("file: \"\(file)\" is not accepted; Limber could not read it; check the path")
        }
        let catalog = try catalogSource.load()
        // A refused date is explained in the person's own zone.
        let timeZone = try await storeOptions.existingTimeZone()
        let export: DiaryExport
        do {
            export = try DiaryExport.read(data, file: file)
            // Check every record before writing any, so a bad file changes nothing.
            let now = Date()
            for episode in export.episodes {
                try DiaryRules.validate(episode, catalog: catalog, now: now, timeZone: timeZone)
            }
            for session in export.sessions { try DiaryRules.validate(session, now: now, timeZone: timeZone) }
        } catch {
            throw UserError(error.description + "; nothing was imported")
        }
        let (store, _) = try await storeOptions.openStore()
        let summary = try await store.importRecords(
            episodes: export.episodes, sessions: export.sessions, profile: storeOptions.person)
        print(
            "Imported \(summary.episodesAdded) episodes and \(summary.sessionsAdded) sessions; "
                + "\(summary.episodesAlreadyThere + summary.sessionsAlreadyThere) were already there.")
    }
}
