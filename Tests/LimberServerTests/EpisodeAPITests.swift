import Foundation
import HTTPTypes
import HummingbirdTesting
import LimberCore
import Testing

@Suite("Episodes API")
struct EpisodeAPITests {
    static let address = "/api/v1/episodes/\(Fixture.episodeID)"

    @Test("A valid episode is stored once, even when the same post is sent again")
    func postIsIdempotent() async throws {
        try await TestApp.run { client, _ in
            let created = try await client.post("/api/v1/episodes", json: Fixture.episode())
            #expect(created.status == .created)
            #expect(created.headers[.location] == Self.address)
            try await client.expectDocumented(created, "post", "/api/v1/episodes")
            let episode = try created.json()
            #expect(episode["severity"]?.int == 6)
            #expect(episode["regions"] == .array([.string("calf")]))
            #expect(episode["triggers"] == .array([.string("night")]))
            #expect(episode["relievedBy"] == nil, "an absent optional is left out, not null")
            #expect(try await client.episodes().count == 1)

            let again = try await client.post("/api/v1/episodes", json: Fixture.episode(["severity": "7"]))
            #expect(again.status == .ok)
            try await client.expectDocumented(again, "post", "/api/v1/episodes")
            #expect(try again.json()["severity"]?.int == 6, "the stored episode is returned unchanged")
            #expect(try await client.episodes().count == 1)
        }
    }

    @Test("An episode without an id gets one from the server")
    func serverChoosesID() async throws {
        try await TestApp.run { client, _ in
            let first = try await client.post("/api/v1/episodes", json: Fixture.episode(removing: ["id"]))
            let second = try await client.post("/api/v1/episodes", json: Fixture.episode(removing: ["id"]))
            #expect(first.status == .created && second.status == .created)
            #expect(try first.json()["id"] != (try second.json()["id"]))
            #expect(try await client.episodes().count == 2)
        }
    }

    @Test("Dates come back in UTC with milliseconds, and a fetched episode can be sent back unchanged")
    func datesRoundTrip() async throws {
        try await TestApp.run { client, _ in
            let created = try await client.post(
                "/api/v1/episodes", json: Fixture.episode(["occurredAt": #""2026-11-20T23:10:00+01:00""#]))
            #expect(created.status == .created)
            let episode = try created.json()
            #expect(episode["occurredAt"]?.string == "2026-11-20T22:10:00.000Z")

            let fetched = try await client.get(Self.address)
            let sentBack = try await client.put(Self.address, json: fetched.text)
            #expect(sentBack.status == .ok, "\(sentBack.text)")
            #expect(try sentBack.json() == (try fetched.json()))
        }
    }

    struct BadEpisode: Sendable, CustomTestStringConvertible {
        var what: String
        var body: String
        var field: String
        var testDescription: String { what }
    }

    static let badEpisodes = [
        BadEpisode(what: "severity 11", body: Fixture.episode(["severity": "11"]), field: "severity"),
        BadEpisode(what: "severity -1", body: Fixture.episode(["severity": "-1"]), field: "severity"),
        BadEpisode(
            what: "a duration of 0 s", body: Fixture.episode(["durationSeconds": "0"]), field: "durationSeconds"),
        BadEpisode(
            what: "a region Limber does not know", body: Fixture.episode(["regions": #"["elbow"]"#]), field: "regions"),
        BadEpisode(what: "no occurredAt", body: Fixture.episode(removing: ["occurredAt"]), field: "occurredAt"),
        BadEpisode(
            what: "an occurredAt that is no date", body: Fixture.episode(["occurredAt": #""last night""#]),
            field: "occurredAt"),
        BadEpisode(what: "severity as text", body: Fixture.episode(["severity": #""bad""#]), field: "severity"),
        BadEpisode(
            what: "an unknown trigger", body: Fixture.episode(["triggers": #"["night", "moonlight"]"#]),
            field: "triggers[1]"),
        BadEpisode(what: "an unknown side", body: Fixture.episode(["side": #""middle""#]), field: "side"),
        BadEpisode(
            what: "notes over 2000 characters",
            body: Fixture.episode(["notes": Fixture.jsonString(String(repeating: "n", count: 2001))]), field: "notes"),
    ]

    @Test("A refused duration is told in the API's own words: the JSON field and a JSON example, not a CLI length")
    func durationInJSONWords() async throws {
        try await TestApp.run { client, _ in
            for seconds in ["0", "86401"] {
                let response = try await client.post(
                    "/api/v1/episodes", json: Fixture.episode(["durationSeconds": seconds]))
                let detail = try #require(try response.json()["detail"]?.string)
                #expect(detail.hasPrefix("durationSeconds: \"\(seconds)\" is not accepted; "), "\(detail)")
                #expect(detail.contains("such as 90"), "\(detail)")
                #expect(!detail.contains("90s") && !detail.contains("2m"), "no CLI lengths: \(detail)")
            }
        }
    }

    @Test("An episode with a bad field is refused naming the field, and nothing is stored", arguments: badEpisodes)
    func refusedEpisode(_ bad: BadEpisode) async throws {
        try await TestApp.run { client, store in
            let response = try await client.post("/api/v1/episodes", json: bad.body)
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.mediaType == "application/problem+json")
            #expect(response.problemField == bad.field, "\(response.text)")
            try await client.expectDocumented(response, "post", "/api/v1/episodes")
            #expect(try await client.episodes().isEmpty)
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)
        }
    }

    @Test("A body that is not JSON is refused")
    func notJSON() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.post("/api/v1/episodes", json: "severity=5")
            #expect(response.status == .badRequest)
            #expect(response.mediaType == "application/problem+json")
            #expect(try await client.episodes().isEmpty)
        }
    }

    @Test("An episode can be read, changed and deleted by id")
    func readChangeDelete() async throws {
        try await TestApp.run { client, _ in
            let created = try await client.post("/api/v1/episodes", json: Fixture.episode())
            let read = try await client.get(Self.address)
            #expect(read.status == .ok)
            #expect(try read.json() == (try created.json()))
            try await client.expectDocumented(read, "get", "/api/v1/episodes/{id}")

            let changed = try await client.put(
                Self.address, json: Fixture.episode(["severity": "3", "relievedBy": #""Walking it off""#]))
            #expect(changed.status == .ok)
            try await client.expectDocumented(changed, "put", "/api/v1/episodes/{id}")
            let reread = try await client.json(Self.address)
            #expect(reread["severity"]?.int == 3)
            #expect(reread["relievedBy"]?.string == "Walking it off")
            #expect(try await client.episodes().count == 1)

            let deleted = try await client.delete(Self.address)
            #expect(deleted.status == .noContent)
            try await client.expectDocumented(deleted, "delete", "/api/v1/episodes/{id}")
            let gone = try await client.get(Self.address)
            #expect(gone.status == .notFound)
            try await client.expectDocumented(gone, "get", "/api/v1/episodes/{id}")
            #expect(try await client.delete(Self.address).status == .notFound)
            #expect(try await client.put(Self.address, json: Fixture.episode()).status == .notFound)
            #expect(try await client.episodes().isEmpty)
        }
    }

    @Test("A change whose body names another id is refused and changes nothing")
    func mismatchedID() async throws {
        try await TestApp.run { client, _ in
            _ = try await client.post("/api/v1/episodes", json: Fixture.episode())
            let before = try await client.json(Self.address)
            let response = try await client.put(
                Self.address,
                json: Fixture.episode(["id": #""5d9c1f7e-8a2b-4c3d-9e4f-0a1b2c3d4e5f""#, "severity": "2"]))
            // The body keeps the document's shape; only the address says the id is wrong.
            #expect(response.status == .unprocessableContent)
            #expect(response.problemField == "id")
            try await client.expectDocumented(response, "put", "/api/v1/episodes/{id}")
            #expect(try await client.json(Self.address) == before)
            #expect(try await client.episodes().count == 1)
        }
    }

    @Test("A malformed episode id is refused naming the id")
    func malformedID() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/episodes/not-an-id")
            #expect(response.status == .badRequest)
            #expect(response.problemField == "id")
            try await client.expectDocumented(response, "get", "/api/v1/episodes/{id}")
            #expect(try await client.delete("/api/v1/episodes/not-an-id").status == .badRequest)
        }
    }

    @Test("A body over 64 KiB is refused as too large, and nothing is stored")
    func bodyTooLarge() async throws {
        try await TestApp.run { client, store in
            let notes = Fixture.jsonString(String(repeating: "n", count: 70 * 1024))
            let response = try await client.post("/api/v1/episodes", json: Fixture.episode(["notes": notes]))
            #expect(response.status == .contentTooLarge)
            #expect(response.mediaType == "application/problem+json")
            try await client.expectDocumented(response, "post", "/api/v1/episodes")
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)
        }
    }

    @Test("The list can be narrowed to a region and to episodes since a date")
    func listFilters() async throws {
        try await TestApp.run { client, _ in
            _ = try await client.post("/api/v1/episodes", json: Fixture.episode(removing: ["id"]))
            _ = try await client.post(
                "/api/v1/episodes",
                json: Fixture.episode(
                    ["regions": #"["foot"]"#, "occurredAt": #""2026-11-28T08:00:00Z""#], removing: ["id"]))
            let all = try await client.get("/api/v1/episodes")
            #expect(try all.json().array.count == 2)
            try await client.expectDocumented(all, "get", "/api/v1/episodes")
            let feet = try await client.json("/api/v1/episodes?region=foot").array
            #expect(feet.count == 1 && feet.first?["regions"] == .array([.string("foot")]))
            #expect(try await client.json("/api/v1/episodes?since=2026-11-25").array.count == 1)
            let badSince = try await client.get("/api/v1/episodes?since=yesterday")
            #expect(badSince.status == .badRequest)
            #expect(badSince.problemField == "since")
        }
    }

    @Test(
        "A day or hour that does not exist is refused naming occurredAt and the part, never rolled over",
        arguments: [
            ("2026-02-30T10:00:00Z", "February 2026 has no day 30"), ("2026-13-01T10:00:00Z", "there is no month 13"),
            ("2026-11-20T25:00:00Z", "there is no hour 25"),
        ])
    func impossibleOccurredAt(text: String, reason: String) async throws {
        try await TestApp.run { client, store in
            let response = try await client.post(
                "/api/v1/episodes", json: Fixture.episode(["occurredAt": "\"\(text)\""]))
            #expect(response.status == .badRequest)
            #expect(response.problemField == "occurredAt")
            #expect(try response.json()["detail"]?.string?.contains(reason) == true, "\(response.text)")
            try await client.expectDocumented(response, "post", "/api/v1/episodes")
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)
        }
    }

    @Test("A cramp tomorrow or before 2000 is refused, by POST and PUT, with the accepted range")
    func futureAndAncientOccurredAt() async throws {
        try await TestApp.run { client, store in
            let tomorrow = ISODate.string(Date().addingTimeInterval(86_400))
            let future = try await client.post(
                "/api/v1/episodes", json: Fixture.episode(["occurredAt": "\"\(tomorrow)\""]))
            #expect(future.status == .unprocessableContent)
            #expect(future.problemField == "occurredAt")
            #expect(try future.json()["detail"]?.string?.contains("in the future") == true, "\(future.text)")
            let ancient = try await client.post(
                "/api/v1/episodes", json: Fixture.episode(["occurredAt": #""1926-11-20T23:10:00Z""#]))
            #expect(ancient.status == .unprocessableContent)
            #expect(try ancient.json()["detail"]?.string?.contains("from 2000-01-01T00:00Z") == true)
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)

            let created = try await client.post("/api/v1/episodes", json: Fixture.episode())
            #expect(created.status == .created)
            let moved = try await client.put(
                "/api/v1/episodes/\(Fixture.episodeID)", json: Fixture.episode(["occurredAt": "\"\(tomorrow)\""]))
            #expect(moved.status == .unprocessableContent)
            #expect(moved.problemField == "occurredAt")
            let kept = try await client.json("/api/v1/episodes/\(Fixture.episodeID)")
            #expect(kept["occurredAt"]?.string == "2026-11-20T23:10:00.000Z", "a refused change changes nothing")
        }
    }

    @Test("since on a day that does not exist is refused naming since")
    func impossibleSince() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/episodes?since=2026-02-30")
            #expect(response.status == .unprocessableContent)
            #expect(response.problemField == "since")
            #expect(try response.json()["detail"]?.string?.contains("February 2026 has no day 30") == true)
        }
    }
}
