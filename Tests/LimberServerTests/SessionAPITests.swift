import HummingbirdTesting
import Testing

@Suite("Sessions API")
struct SessionAPITests {
    @Test("A finished session is stored and listed")
    func postAndList() async throws {
        try await TestApp.run { client, _ in
            let created = try await client.post("/api/v1/sessions", json: Fixture.session())
            #expect(created.status == .created, "\(created.text)")
            try await client.expectDocumented(created, "post", "/api/v1/sessions")
            let record = try created.json()
            #expect(record["routineId"]?.string == "seed-full")
            #expect(record["painAfter"]?.int == 2)

            let list = try await client.get("/api/v1/sessions")
            #expect(list.status == .ok)
            try await client.expectDocumented(list, "get", "/api/v1/sessions")
            let sessions = try list.json().array
            #expect(sessions.count == 1)
            #expect(sessions.first?["id"] == record["id"])
            #expect(sessions.first?["ratings"]?.array.first?["difficulty"]?.string == "about-right")
        }
    }

    @Test("Pain after of 11 is refused naming painAfter, and nothing is stored")
    func painOutOfRange() async throws {
        try await TestApp.run { client, store in
            let response = try await client.post("/api/v1/sessions", json: Fixture.session(["painAfter": "11"]))
            #expect(response.status == .badRequest)
            #expect(response.problemField == "painAfter")
            try await client.expectDocumented(response, "post", "/api/v1/sessions")
            #expect(try await store.sessions(profile: .local, since: nil).isEmpty)
        }
    }

    @Test("A rating for an exercise Limber does not know is refused, and nothing is stored")
    func unknownRatedExercise() async throws {
        try await TestApp.run { client, store in
            let response = try await client.post(
                "/api/v1/sessions",
                json: Fixture.session(["ratings": #"[{"exerciseId": "elbow-wiggle", "difficulty": "too-easy"}]"#]))
            #expect(response.status == .badRequest)
            #expect(response.problemField == "ratings[0].exerciseId")
            #expect(try response.json()["detail"]?.string?.contains("elbow-wiggle") == true)
            #expect(try await store.sessions(profile: .local, since: nil).isEmpty)
        }
    }

    @Test("A session that ends before it starts, or completes more steps than it has, is refused")
    func inconsistentSession() async throws {
        try await TestApp.run { client, store in
            let backwards = try await client.post(
                "/api/v1/sessions", json: Fixture.session(["endedAt": #""2026-11-20T20:00:00Z""#]))
            #expect(backwards.status == .badRequest)
            #expect(backwards.problemField == "endedAt")
            let tooMany = try await client.post("/api/v1/sessions", json: Fixture.session(["stepsCompleted": "41"]))
            #expect(tooMany.status == .badRequest)
            #expect(tooMany.problemField == "stepsCompleted")
            #expect(try await store.sessions(profile: .local, since: nil).isEmpty)
        }
    }
}
