import Foundation
import HummingbirdTesting
import LimberCore
import LimberStore
import Testing

/// The diary page a month at a time: a long diary stays a short page, and a person can always
/// go back to an older month and forward again.
@Suite("The diary a month at a time")
struct DiaryMonthPageTests {
    /// 1 December 2026, 09:00 UTC: "now" for every test here, in the server's zone (UTC).
    static let now = ISODate.parse("2026-12-01T09:00:00Z")!

    static func run(_ test: @Sendable (APIClient, SQLiteStore) async throws -> Void) async throws {
        let clock = ManualClock(startingAt: now)
        try await TestApp.run(clock: clock.serverClock, timeZone: TimeZone(identifier: "UTC")!, test)
    }

    static func add(_ store: SQLiteStore, _ date: String, notes: String) async throws {
        _ = try await store.addEpisode(
            Episode(
                occurredAt: try #require(ISODate.parse(date)), durationSeconds: 60, regions: ["calf"], severity: 4,
                notes: notes),
            profile: .local)
    }

    @Test("With no month named, the page shows this month's cramps only, and links back to the last month with any")
    func currentMonthByDefault() async throws {
        try await Self.run { client, store in
            try await Self.add(store, "2026-12-01T02:00:00Z", notes: "december night")
            try await Self.add(store, "2026-11-20T23:10:00Z", notes: "november night")
            try await Self.add(store, "2026-08-03T23:10:00Z", notes: "august night")

            let page = try await client.get("/diary").text

            #expect(page.contains("Cramps in December 2026"))
            #expect(page.contains("december night"))
            #expect(!page.contains("november night") && !page.contains("august night"))
            #expect(page.contains(#"<a class="button" rel="prev" href="/diary?month=2026-11">← November 2026</a>"#))
            #expect(!page.contains("rel=\"next\""), "nothing is newer than this month")
        }
    }

    @Test("An older month lists its own cramps, skips empty months both ways, and leads back to today")
    func olderMonth() async throws {
        try await Self.run { client, store in
            try await Self.add(store, "2026-11-20T23:10:00Z", notes: "november night")
            try await Self.add(store, "2026-08-31T23:59:59Z", notes: "last of august")
            try await Self.add(store, "2026-09-01T00:00:00Z", notes: "first of september")
            try await Self.add(store, "2026-05-03T23:10:00Z", notes: "may night")

            let september = try await client.get("/diary?month=2026-09").text
            #expect(september.contains("first of september"))
            #expect(!september.contains("last of august") && !september.contains("november night"))
            #expect(september.contains(#"href="/diary?month=2026-08">← August 2026"#))
            #expect(september.contains(#"href="/diary?month=2026-11">November 2026 →"#), "October is empty: skipped")

            let may = try await client.get("/diary?month=2026-05").text
            #expect(may.contains("may night"))
            #expect(!may.contains("rel=\"prev\""), "nothing is older")

            let empty = try await client.get("/diary?month=2026-10").text
            #expect(empty.contains("No cramps logged in October 2026."))
            #expect(empty.contains(#"href="/diary?month=2026-12">December 2026 →"#) == false)
            #expect(empty.contains(#"href="/diary?month=2026-11">November 2026 →"#))
        }
    }

    @Test("From a month after the last entry, the way forward is the current month even when it is empty")
    func forwardToToday() async throws {
        try await Self.run { client, store in
            try await Self.add(store, "2026-06-10T23:10:00Z", notes: "june night")
            let june = try await client.get("/diary?month=2026-06").text
            #expect(june.contains(#"href="/diary?month=2026-12">December 2026 →"#))
            let december = try await client.get("/diary").text
            #expect(december.contains("No cramps logged in December 2026."))
            #expect(december.contains(#"href="/diary?month=2026-06">← June 2026"#))
        }
    }

    @Test("A diary with nothing in it says so, not that this month is empty")
    func emptyDiary() async throws {
        try await Self.run { client, _ in
            let page = try await client.get("/diary").text
            #expect(page.contains("Nothing logged yet."))
            #expect(!page.contains("No cramps logged in"))
            #expect(!page.contains("class=\"month-pager\""))
        }
    }

    @Test("A thousand cramps over two years make a first screen of one month, not of all of them")
    func longDiaryStaysShort() async throws {
        try await Self.run { client, store in
            let start = try #require(ISODate.parse("2024-12-05T22:00:00Z"))
            for index in 0..<1_000 {
                _ = try await store.addEpisode(
                    Episode(
                        occurredAt: start.addingTimeInterval(Double(index) * 62_000), durationSeconds: 60,
                        regions: ["calf"], severity: 4, notes: "entry \(index)"),
                    profile: .local)
            }
            let page = try await client.get("/diary?month=2025-06").text
            let listed = page.components(separatedBy: "class=\"card episode\"").count - 1
            // June 2025 has 30 days; one entry every 62,000 s is about 42 of them.
            #expect((40...44).contains(listed), "\(listed) entries listed")
            #expect(page.utf8.count < 120_000, "\(page.utf8.count) bytes")
        }
    }

    @Test(
        "A month that cannot be read is refused with one line naming it", arguments: ["2026-13", "2026-1", "nov", ""])
    func badMonth(_ text: String) async throws {
        try await Self.run { client, _ in
            let page = try await client.get("/diary?month=\(text)")
            #expect(page.status == .badRequest)
            let named = text.isEmpty ? "month: missing" : "month: &quot;\(text)&quot; is not accepted"
            #expect(page.text.contains(named), "\(page.text)")
            #expect(page.text.contains("YYYY-MM"))
        }
    }
}
