import Foundation
import HummingbirdTesting
import Testing

/// What the server refuses and accepts is what openapi.json says, case by case.
@Suite("The server keeps the document's contract")
struct ContractTests {
    @Test("A null where the document allows none is refused with 400 naming the field, and nothing is stored")
    func nullIsRefused() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.post("/api/v1/sessions", json: Fixture.session(["ratings": "null"]))
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.problemField == "ratings")
            let detail = try response.json()["detail"]?.string ?? ""
            #expect(detail == "ratings: must be a list, not null", "\(detail)")
            #expect(try await client.json("/api/v1/sessions").array.isEmpty)
            let episode = try await client.post("/api/v1/episodes", json: Fixture.episode(["side": "null"]))
            #expect(episode.status == .badRequest, "\(episode.text)")
            #expect(episode.problemField == "side")
            #expect(try episode.json()["detail"]?.string == "side: must be one of left, right, not null")
        }
    }

    @Test(
        "Text limits count code points as the document's maxLength does: 2,000 accented letters written as two each are too long"
    )
    func textLimitsCountCodePoints() async throws {
        try await TestApp.run { client, store in
            let decomposed = String(repeating: "e\u{301}", count: 1_500)  // 1,500 letters, 3,000 code points
            let tooLong = try await client.post(
                "/api/v1/episodes", json: Fixture.episode(["notes": Fixture.jsonString(decomposed)]))
            #expect(tooLong.status == .badRequest, "\(tooLong.text)")
            #expect(tooLong.problemField == "notes")
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty)
            let longest = String(repeating: "e\u{301}", count: 1_000)  // exactly 2,000 code points
            let kept = try await client.post(
                "/api/v1/episodes", json: Fixture.episode(["notes": Fixture.jsonString(longest)]))
            #expect(kept.status == .created, "\(kept.text)")
            let name = String(repeating: "e\u{301}", count: 41)  // 41 letters, 82 code points
            let routine = try await client.post("/api/v1/routines", json: Fixture.routine(name: name))
            #expect(routine.status == .badRequest, "\(routine.text)")
            #expect(routine.problemField == "name")
        }
    }

    @Test("A date-time with any offset RFC 3339 allows, such as +23:30, is read, and means the instant it names")
    func largeOffsetsAreRead() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.post(
                "/api/v1/episodes", json: Fixture.episode(["occurredAt": #""2026-11-21T22:40:00+23:30""#]))
            #expect(response.status == .created, "\(response.text)")
            #expect(try response.json()["occurredAt"]?.string == "2026-11-20T23:10:00.000Z")
        }
    }

    @Test("Step counts outside 0 to 100,000 are 400, as the document's bounds say; counts that do not add up are 422")
    func stepCountsHaveStatedBounds() async throws {
        try await TestApp.run { client, store in
            let huge = try await client.post(
                "/api/v1/sessions", json: Fixture.session(["stepsTotal": "100001", "isComplete": "false"]))
            #expect(huge.status == .badRequest, "\(huge.text)")
            #expect(huge.problemField == "stepsTotal")
            let negative = try await client.post(
                "/api/v1/sessions", json: Fixture.session(["stepsCompleted": "-1", "isComplete": "false"]))
            #expect(negative.status == .badRequest, "\(negative.text)")
            #expect(negative.problemField == "stepsCompleted")
            let tooMany = try await client.post("/api/v1/sessions", json: Fixture.session(["stepsCompleted": "41"]))
            #expect(tooMany.status == .unprocessableContent, "\(tooMany.text)")
            #expect(try await store.sessions(profile: .local, since: nil).isEmpty)
        }
    }
}
