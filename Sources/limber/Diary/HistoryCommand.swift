import ArgumentParser
import Foundation
import LimberCore

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List logged cramps and sessions, with a weekly summary.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only records on or after this date, such as 2026-11-01.")
    var since: String?

    @Option(help: "Only cramps in this region.")
    var region: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let (store, _) = try await storeOptions.openStoreForReading()
        // The person's zone: it says which day --since names and where each week begins.
        let timeZone = try await storeOptions.timeZone(in: store)
        let now = Date()
        let sinceDate: Date?
        do {
            sinceDate = try since.map { text throws(FieldError) in
                try DiaryRules.parseDate(text, field: "since", timeZone: timeZone, now: now)
            }
        } catch { throw UserError(error.description) }
        let episodes = try await store.episodes(profile: storeOptions.person, since: sinceDate, region: region)
        let sessions = try await store.sessions(profile: storeOptions.person, since: sinceDate)
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let weeks = DiarySummary.weeks(episodes: episodes, sessions: sessions, calendar: calendar)
        // The review reads the whole diary: a filter must never hide a reason to see a doctor.
        let everything =
            sinceDate == nil && region == nil
            ? episodes : try await store.episodes(profile: storeOptions.person, since: nil, region: nil)
        let findings = DiaryReview.review(episodes: everything, now: now, calendar: calendar)
        // Like the rest of the weekly summary, the trend describes the cramps listed.
        let severityTrend = SeverityTrend.measure(episodes: episodes, now: now, calendar: calendar)
        if json {
            struct Output: Encodable {
                var findings: [ReviewFinding]
                var episodes: [Episode]
                var sessions: [SessionRecord]
                var weeks: [WeekSummary]
                var severityTrend: SeverityTrend?
            }
            return try printJSON(
                Output(
                    findings: findings, episodes: episodes, sessions: sessions, weeks: weeks,
                    severityTrend: severityTrend))
        }
        if !findings.isEmpty { print(ReviewText.render(findings) + "\n") }
        print(
            DiaryText.history(
                episodes: episodes, sessions: sessions, weeks: weeks, severityTrend: severityTrend, timeZone: timeZone,
                reminders: try await store.reminders(profile: storeOptions.person)))
    }
}

struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete one episode or session record by its id.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case episode, session
    }

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "episode or session.")
    var kind: Kind

    @Argument(help: "The id, as `limber history` prints it.")
    var id: String

    func run() async throws {
        guard let uuid = UUID(uuidString: id) else {
            throw UserError("id: \"\(id)\" is not accepted; use the id `limber history` prints")
        }
        let (store, _) = try await storeOptions.openStore()
        let deleted =
            switch kind {
            case .episode: try await store.deleteEpisode(id: uuid, profile: storeOptions.person)
            case .session: try await store.deleteSession(id: uuid, profile: storeOptions.person)
            }
        guard deleted else {
            throw UserError("id: no \(kind.rawValue) has the id \(id); nothing was deleted")
        }
        print("Deleted \(kind.rawValue) \(id).")
    }
}
