import ArgumentParser
import Foundation
import LimberCore

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Add a cramp or spasm to the diary.")

    @OptionGroup var catalogSource: CatalogSource
    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("region"), help: "Where it cramped; repeat for more than one.")
    var regions: [String] = []

    // Side and severity are read as text and checked in `makeEpisode`, as the web form's are, so
    // "both", "5.5" or "-1" get the diary's one-line error. `.unconditional` hands "-1" over as
    // the value instead of the parser taking it for an option and saying the value is missing.
    @Option(help: "left or right.")
    var side: String?

    @Option(parsing: .unconditional, help: "How bad, from 0 (none) to 10 (worst imaginable).")
    var severity: String?

    @Option(help: "How long it lasted, such as 90s, 2m or 1m30s.")
    var duration: String?

    @Option(help: "When it started, in local time, such as 2026-11-20T23:10 (default: now).")
    var at: String?

    // Read as text and checked in `makeEpisode`, so a wrong value gets the same one-line error as every other field.
    @Option(name: .customLong("trigger"), help: "What may have brought it on: \(Trigger.acceptedValues). Repeatable.")
    var triggerNames: [String] = []

    @Flag(help: "It woke you from sleep.")
    var woke = false

    @Option(help: "What eased it, in your words.")
    var relievedBy: String?

    @Option(help: "Anything else worth keeping.")
    var notes: String?

    @Flag(help: "Print the saved episode as JSON.")
    var json = false

    func run() async throws {
        let catalog = try catalogSource.load()
        // --at is read in the person's zone, so 23:10 is 23:10 where they live. The entry is
        // checked before the database is created, so bad input leaves no file behind.
        let timeZone = try await storeOptions.existingTimeZone()
        let episode = try makeEpisode(catalog: catalog, now: Date(), timeZone: timeZone)
        let (store, _) = try await storeOptions.openStore()
        let saved = try await store.addEpisode(episode, profile: storeOptions.person)
        if json { return try printJSON(saved) }
        print("Logged: \(DiaryText.episodeLine(saved, timeZone: timeZone)) [\(saved.id.uuidString.lowercased())]")
    }

    /// Builds and checks the episode before anything touches the database.
    func makeEpisode(catalog: Catalog, now: Date, timeZone: TimeZone) throws -> Episode {
        let draft = EpisodeDraft(
            regions: regions, side: side, severity: severity, duration: duration, at: at,
            triggers: triggerNames, wokeFromSleep: woke, relievedBy: relievedBy, notes: notes)
        do {
            return try draft.makeEpisode(id: UUID(), now: now, timeZone: timeZone, catalog: catalog)
        } catch {
            // The draft names its fields as the flags do, but for this one, spelt with a hyphen.
            throw UserError(error.renamed(["relievedBy": "relieved-by"]).description)
        }
    }
}
