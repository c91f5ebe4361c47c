import Foundation
import HTTPTypes
import HummingbirdTesting
import LimberCore
import LimberStore
import Testing

@Suite("Lists in pages: limit, cursor and the Link to the next page")
struct PaginationTests {
    /// The `<...>` of a `Link: <...>; rel="next"` header, or nil when there is no next page.
    static func next(_ response: TestResponse) -> String? {
        guard let link = response.headers[HTTPField.Name("Link")!] else { return nil }
        #expect(link.hasSuffix("; rel=\"next\""), "\(link)")
        guard let start = link.firstIndex(of: "<"), let end = link.firstIndex(of: ">") else { return nil }
        return String(link[link.index(after: start)..<end])
    }

    /// Follows every next link from `first`; the ids of every page, in order, and how many pages.
    static func walk(_ client: APIClient, from first: String) async throws -> (ids: [String], pages: [Int]) {
        var ids: [String] = []
        var sizes: [Int] = []
        var address: String? = first
        while let current = address, sizes.count < 20 {
            let response = try await client.get(current)
            #expect(response.status == .ok, "GET \(current): \(response.text)")
            let page = try response.json().array
            ids += page.compactMap { $0["id"]?.string?.lowercased() }
            sizes.append(page.count)
            address = next(response)
        }
        return (ids, sizes)
    }

    @Test("A long diary comes 100 at a time, newest first, each episode once, ties at one time included")
    func episodesPageByDefault() async throws {
        try await TestApp.run { client, store in
            let start = Date(timeIntervalSince1970: 1_790_000_000)
            // Every fifth shares its time with the one before, so pages must break ties by id.
            let episodes = (0..<250).map { index in
                Episode(
                    occurredAt: start.addingTimeInterval(Double(index - index % 5 / 4) * 3600), durationSeconds: 60,
                    regions: [index.isMultiple(of: 2) ? "calf" : "foot"], severity: 4)
            }
            for episode in episodes { _ = try await store.addEpisode(episode, profile: .local) }
            let expected = try await store.episodes(profile: .local, since: nil, region: nil).map {
                $0.id.uuidString.lowercased()
            }

            let (ids, pages) = try await Self.walk(client, from: "/api/v1/episodes")

            #expect(pages == [100, 100, 50])
            #expect(ids == expected)
            #expect(Set(ids).count == 250)
        }
    }

    @Test("The next link keeps the filters and the page size asked for")
    func linkKeepsTheQuery() async throws {
        try await TestApp.run { client, store in
            let start = Date(timeIntervalSince1970: 1_790_000_000)
            for index in 0..<30 {
                _ = try await store.addEpisode(
                    Episode(
                        occurredAt: start.addingTimeInterval(Double(index) * 60), durationSeconds: 60,
                        regions: [index.isMultiple(of: 3) ? "calf" : "neck"], severity: 4),
                    profile: .local)
            }
            let first = try await client.get("/api/v1/episodes?region=calf&limit=4")
            let link = try #require(Self.next(first))
            #expect(link.hasPrefix("/api/v1/episodes?"))
            #expect(link.contains("region=calf") && link.contains("limit=4") && link.contains("cursor="))

            let (ids, pages) = try await Self.walk(client, from: "/api/v1/episodes?region=calf&limit=4")
            #expect(pages == [4, 4, 2])
            #expect(ids.count == 10)
        }
    }

    @Test("The last page carries no Link, and a diary shorter than a page none at all")
    func noLinkWithoutMore() async throws {
        try await TestApp.run { client, store in
            for index in 0..<3 {
                _ = try await store.addEpisode(
                    Episode(
                        occurredAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), durationSeconds: 60,
                        regions: ["calf"], severity: 4),
                    profile: .local)
            }
            #expect(Self.next(try await client.get("/api/v1/episodes")) == nil)
            #expect(Self.next(try await client.get("/api/v1/episodes?limit=3")) == nil)
            #expect(Self.next(try await client.get("/api/v1/episodes?limit=2")) != nil)
        }
    }

    @Test("Sessions come in pages the same way")
    func sessionsPage() async throws {
        try await TestApp.run { client, store in
            let start = Date(timeIntervalSince1970: 1_790_000_000)
            for index in 0..<7 {
                let begin = start.addingTimeInterval(Double(index / 2) * 86_400)
                _ = try await store.addSession(
                    SessionRecord(
                        routineId: "bedtime-leg-cramps", routineName: "Bedtime", startedAt: begin,
                        endedAt: begin.addingTimeInterval(300), isComplete: true, stepsCompleted: 4, stepsTotal: 4),
                    profile: .local)
            }
            let expected = try await store.sessions(profile: .local, since: nil).map { $0.id.uuidString.lowercased() }

            let (ids, pages) = try await Self.walk(client, from: "/api/v1/sessions?limit=3")

            #expect(pages == [3, 3, 1])
            #expect(ids == expected)
        }
    }

    struct BadQuery: Sendable, CustomTestStringConvertible {
        var query: String
        var field: String
        /// 400 for what the document states (a range, a form); 422 for a cursor of the right form
        /// that this server never made.
        var status: HTTPResponse.Status = .badRequest
        var testDescription: String { query }
    }

    @Test(
        "A page size or cursor Limber cannot use is refused with one line naming it",
        arguments: [
            BadQuery(query: "limit=0", field: "limit"), BadQuery(query: "limit=501", field: "limit"),
            BadQuery(query: "limit=ten", field: "limit"), BadQuery(query: "limit=", field: "limit"),
            BadQuery(query: "cursor=not-a-cursor", field: "cursor", status: .unprocessableContent),
            BadQuery(query: "cursor=0", field: "cursor", status: .unprocessableContent),
            BadQuery(query: "cursor=", field: "cursor"), BadQuery(query: "cursor=a%2Bb", field: "cursor"),
            BadQuery(query: "cursor=" + Data("5/abc".utf8).base64EncodedString(), field: "cursor"),
        ])
    func badPageQuery(_ bad: BadQuery) async throws {
        try await TestApp.run { client, _ in
            for path in ["/api/v1/episodes", "/api/v1/sessions"] {
                let response = try await client.get("\(path)?\(bad.query)")
                #expect(response.status == bad.status, "\(path)?\(bad.query)")
                let problem = try response.json()
                #expect(problem["field"]?.string == bad.field)
                let detail = try #require(problem["detail"]?.string)
                #expect(detail.hasPrefix("\(bad.field): ") && !detail.contains("\n"), "\(detail)")
            }
        }
    }
}
