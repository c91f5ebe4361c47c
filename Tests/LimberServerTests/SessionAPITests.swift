import Foundation
import HummingbirdTesting
import LimberCore
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
            #expect(backwards.status == .unprocessableContent)
            #expect(backwards.problemField == "endedAt")
            let tooMany = try await client.post("/api/v1/sessions", json: Fixture.session(["stepsCompleted": "41"]))
            #expect(tooMany.status == .unprocessableContent)
            #expect(tooMany.problemField == "stepsCompleted")
            #expect(try await store.sessions(profile: .local, since: nil).isEmpty)
        }
    }

    @Test(
        "A session with skipped steps is stored with them, and the diary shows done, skipped and pain before and after")
    func skippedStepsAreKept() async throws {
        try await TestApp.run { client, _ in
            let created = try await client.post(
                "/api/v1/sessions",
                json: Fixture.session(["isComplete": "false", "stepsCompleted": "30", "stepsSkipped": "10"]))
            #expect(created.status == .created, "\(created.text)")
            try await client.expectDocumented(created, "post", "/api/v1/sessions")
            #expect(try created.json()["stepsSkipped"]?.int == 10)
            #expect(try created.json()["isComplete"]?.bool == false)

            let listed = try await client.get("/api/v1/sessions")
            try await client.expectDocumented(listed, "get", "/api/v1/sessions")
            #expect(try listed.json().array.first?["stepsSkipped"]?.int == 10)
            let diary = try await client.get("/diary?month=2026-11")
            #expect(diary.text.contains("30 of 40 steps, 10 skipped, pain 4 → 2"), "\(diary.text)")
        }
    }

    @Test("A session without stepsSkipped, as older players send it, counts none skipped")
    func stepsSkippedIsOptional() async throws {
        try await TestApp.run { client, _ in
            let created = try await client.post("/api/v1/sessions", json: Fixture.session())
            #expect(created.status == .created)
            #expect(try created.json()["stepsSkipped"]?.int == 0)
        }
    }

    @Test("Complete with a step skipped, or more steps done and skipped than there are, is refused, storing nothing")
    func skipsMustAddUp() async throws {
        try await TestApp.run { client, store in
            let completeWithSkips = try await client.post(
                "/api/v1/sessions", json: Fixture.session(["stepsCompleted": "38", "stepsSkipped": "2"]))
            #expect(completeWithSkips.status == .unprocessableContent)
            #expect(completeWithSkips.problemField == "isComplete")
            try await client.expectDocumented(completeWithSkips, "post", "/api/v1/sessions")
            let tooMany = try await client.post(
                "/api/v1/sessions",
                json: Fixture.session(["isComplete": "false", "stepsCompleted": "30", "stepsSkipped": "11"]))
            #expect(tooMany.status == .unprocessableContent)
            #expect(tooMany.problemField == "stepsSkipped")
            #expect(try await store.sessions(profile: .local, since: nil).isEmpty)
        }
    }

    @Test("A session that ends tomorrow, or on a day that does not exist, is refused, storing nothing")
    func impossibleSessionDates() async throws {
        try await TestApp.run { client, store in
            let tomorrow = ISODate.string(Date().addingTimeInterval(86_400))
            let future = try await client.post(
                "/api/v1/sessions", json: Fixture.session(["endedAt": "\"\(tomorrow)\""]))
            #expect(future.status == .unprocessableContent)
            #expect(future.problemField == "endedAt")
            #expect(try future.json()["detail"]?.string?.contains("in the future") == true)
            let rolledOver = try await client.post(
                "/api/v1/sessions", json: Fixture.session(["startedAt": #""2026-11-31T21:00:00Z""#]))
            #expect(rolledOver.status == .badRequest)
            #expect(rolledOver.problemField == "startedAt")
            #expect(try rolledOver.json()["detail"]?.string?.contains("November 2026 has no day 31") == true)
            #expect(try await store.sessions(profile: .local, since: nil).isEmpty)
        }
    }
}
