import HummingbirdTesting
import Testing

@Suite("Catalog API")
struct CatalogAPITests {
    @Test("The regions list includes the calf and matches the documented Region schema")
    func regions() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/regions")
            #expect(response.status == .ok)
            #expect(response.mediaType == "application/json")
            let ids = try response.json().array.compactMap { $0["id"]?.string }
            #expect(ids.contains("calf"))
            #expect(ids.contains("lower-back"))
            try await client.expectDocumented(response, "get", "/api/v1/regions")
        }
    }

    @Test("Exercises for the calf all cover the calf")
    func exercisesForARegion() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/exercises?region=calf")
            #expect(response.status == .ok)
            let exercises = try response.json().array
            #expect(exercises.count >= 2)
            for exercise in exercises {
                let regions =
                    (exercise["regions"]?["primary"]?.array ?? []) + (exercise["regions"]?["secondary"]?.array ?? [])
                #expect(regions.contains(.string("calf")), "\(exercise["id"]?.string ?? "?") does not cover the calf")
            }
            #expect(exercises.first?["regions"]?["primary"]?.array.contains(.string("calf")) == true)
            try await client.expectDocumented(response, "get", "/api/v1/exercises")
        }
    }

    @Test("All exercises are listed without a region, with their doses as documented")
    func allExercises() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/exercises")
            #expect(response.status == .ok)
            let exercises = try response.json().array
            let calf = try await client.get("/api/v1/exercises?region=calf").json().array
            #expect(exercises.count > calf.count)
            // Both kinds of dose: a hold and counted repetitions.
            #expect(exercises.contains { $0["dose"]?["hold"]?["seconds"]?.int != nil })
            #expect(exercises.contains { $0["dose"]?["repeat"]?["phases"]?.array.isEmpty == false })
            try await client.expectDocumented(response, "get", "/api/v1/exercises")
        }
    }

    @Test("Asking for exercises for an unsupported region is refused with the supported regions listed")
    func unsupportedRegion() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/exercises?region=elbow")
            #expect(response.status == .badRequest)
            #expect(response.mediaType == "application/problem+json")
            #expect(response.problemField == "region")
            let detail = try response.json()["detail"]?.string ?? ""
            #expect(detail.contains("elbow"))
            for region in try await client.json("/api/v1/regions").array {
                let id = try #require(region["id"]?.string)
                #expect(detail.contains(id), "the detail lists \(id)")
            }
            try await client.expectDocumented(response, "get", "/api/v1/exercises")
        }
    }

    @Test("One exercise can be read by id, with its steps, dose and sources")
    func exerciseByID() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/exercises/calf-stretch-wall")
            #expect(response.status == .ok)
            let exercise = try response.json()
            #expect(exercise["id"]?.string == "calf-stretch-wall")
            #expect(exercise["dose"]?["hold"]?["seconds"]?.int == 30)
            #expect(exercise["dose"]?["sides"] == .array([.string("left"), .string("right")]))
            #expect(exercise["sources"]?.array.isEmpty == false)
            try await client.expectDocumented(response, "get", "/api/v1/exercises/{id}")
        }
    }

    @Test("An unknown exercise id is a 404 problem")
    func unknownExercise() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/exercises/elbow-wiggle")
            #expect(response.status == .notFound)
            #expect(response.mediaType == "application/problem+json")
            let problem = try response.json()
            #expect(problem["status"]?.int == 404)
            #expect(problem["detail"]?.string?.contains("elbow-wiggle") == true)
            try await client.expectDocumented(response, "get", "/api/v1/exercises/{id}")
        }
    }
}
