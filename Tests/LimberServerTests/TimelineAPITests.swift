import HummingbirdTesting
import Testing

@Suite("Timeline API")
struct TimelineAPITests {
    @Test("A built-in routine's timeline lasts exactly until its final step starts")
    func routineTimeline() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/timeline?routine=seed-full")
            #expect(response.status == .ok)
            let timeline = try response.json()
            let steps = timeline["steps"]?.array ?? []
            let last = try #require(steps.last)
            #expect(timeline["routineId"]?.string == "seed-full")
            #expect(last["kind"]?.string == "done")
            #expect(timeline["totalSeconds"]?.int == last["start"]?.int)
            #expect((timeline["totalSeconds"]?.int ?? 0) > 60)
            // What a player needs to play it without rules of its own.
            #expect(timeline["restartWindowSeconds"]?.int == 3)
            #expect(last["countsTowardDone"]?.bool == false && last["nextUp"] == nil)
            #expect(steps.dropLast().allSatisfy { $0["countsTowardDone"]?.bool == true && $0["nextUp"]?.string != nil })
            #expect(steps[steps.count - 2]["nextUp"]?.string == "the end")
            // Steps follow each other without gaps.
            for (previous, next) in zip(steps, steps.dropFirst()) {
                #expect((previous["start"]?.int ?? 0) + (previous["duration"]?.int ?? 0) == next["start"]?.int)
            }
            try await client.expectDocumented(response, "get", "/api/v1/timeline")
        }
    }

    @Test("A plan for the left calf holds only on the left side")
    func plannedForOneSide() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/timeline?region=calf&side=left")
            #expect(response.status == .ok)
            let steps = try response.json()["steps"]?.array ?? []
            let holds = steps.filter { $0["kind"]?.string == "hold" }
            #expect(!holds.isEmpty)
            for hold in holds {
                #expect(hold["side"]?.string == "left", "\(hold["label"]?.string ?? "?")")
            }
            #expect(!steps.contains { $0["side"]?.string == "right" })
            try await client.expectDocumented(response, "get", "/api/v1/timeline")
        }
    }

    @Test("Both sides are worked when no side is given")
    func plannedForBothSides() async throws {
        try await TestApp.run { client, _ in
            let steps = try await client.json("/api/v1/timeline?region=calf").array(at: "steps")
            let sides = Set(steps.filter { $0["kind"]?.string == "hold" }.compactMap { $0["side"]?.string })
            #expect(sides == ["left", "right"])
        }
    }

    @Test("An unknown side is refused naming the side")
    func badSide() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/timeline?region=calf&side=middle")
            #expect(response.status == .badRequest)
            #expect(response.problemField == "side")
            #expect(try response.json()["detail"]?.string?.contains("middle") == true)
            try await client.expectDocumented(response, "get", "/api/v1/timeline")
        }
    }

    @Test("A timeline request with neither a routine nor a region is refused")
    func noParameters() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/timeline")
            // Each parameter is optional in the document, which cannot say "one of the two".
            #expect(response.status == .unprocessableContent)
            #expect(response.mediaType == "application/problem+json")
            try await client.expectDocumented(response, "get", "/api/v1/timeline")
        }
    }

    @Test("An unknown goal is refused naming the goal")
    func badGoal() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/timeline?region=calf&goal=fun")
            #expect(response.status == .badRequest)
            #expect(response.problemField == "goal")
        }
    }

    @Test("A routine's own timeline address gives the same timeline, and an unknown routine is a 404")
    func routineTimelineByID() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/routines/seed-full/timeline")
            #expect(response.status == .ok)
            #expect(try response.json() == (try await client.json("/api/v1/timeline?routine=seed-full")))
            try await client.expectDocumented(response, "get", "/api/v1/routines/{id}/timeline")

            let missing = try await client.get("/api/v1/routines/no-such-routine/timeline")
            #expect(missing.status == .notFound)
            try await client.expectDocumented(missing, "get", "/api/v1/routines/{id}/timeline")
            #expect(try await client.get("/api/v1/timeline?routine=no-such-routine").status == .notFound)
        }
    }
}

extension JSONValue {
    /// The array under `key`, or none.
    func array(at key: String) -> [JSONValue] {
        self[key]?.array ?? []
    }
}
