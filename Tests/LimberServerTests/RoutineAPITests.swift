import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Routines API")
struct RoutineAPITests {
    @Test("Built-in routines are listed as built in, with their length")
    func builtInRoutines() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/routines")
            #expect(response.status == .ok)
            let routines = try response.json().array
            let seed = try #require(routines.first { $0["id"]?.string == "seed-full" })
            #expect(seed["isBuiltIn"]?.bool == true)
            #expect((seed["totalSeconds"]?.int ?? 0) > 0)
            #expect(routines.allSatisfy { $0["isBuiltIn"]?.bool == true })
            try await client.expectDocumented(response, "get", "/api/v1/routines")

            let one = try await client.get("/api/v1/routines/seed-full")
            #expect(try one.json() == seed)
            try await client.expectDocumented(one, "get", "/api/v1/routines/{id}")
        }
    }

    @Test("A built-in routine cannot be changed or deleted")
    func builtInIsReadOnly() async throws {
        try await TestApp.run { client, _ in
            let before = try await client.json("/api/v1/routines/seed-full")
            let put = try await client.put("/api/v1/routines/seed-full", json: Fixture.routine())
            #expect(put.status == .forbidden)
            #expect(put.mediaType == "application/problem+json")
            try await client.expectDocumented(put, "put", "/api/v1/routines/{id}")
            let delete = try await client.delete("/api/v1/routines/seed-full")
            #expect(delete.status == .forbidden)
            try await client.expectDocumented(delete, "delete", "/api/v1/routines/{id}")
            #expect(try await client.json("/api/v1/routines/seed-full") == before)
        }
    }

    @Test("A custom routine can be made, read, changed and deleted")
    func customRoutineLifecycle() async throws {
        try await TestApp.run { client, store in
            let created = try await client.post("/api/v1/routines", json: Fixture.routine())
            #expect(created.status == .created)
            try await client.expectDocumented(created, "post", "/api/v1/routines")
            let location = try #require(created.headers[.location])
            let routine = try created.json()
            let id = try #require(routine["id"]?.string)
            #expect(location == "/api/v1/routines/\(id)")
            #expect(routine["isBuiltIn"]?.bool == false)
            #expect(routine["name"]?.string == "Evening calves")
            #expect(routine["purpose"]?.string == "bedtime")
            #expect(routine["regions"] == .array([.string("calf")]))
            // 10 s setup, 45 s on each leg, 5 s to switch.
            #expect(routine["totalSeconds"]?.int == 105)

            let read = try await client.get(location)
            #expect(read.status == .ok)
            #expect(try read.json() == routine)
            #expect(try await client.routines().contains { $0["id"]?.string == id })

            let changed = try await client.put(
                location,
                json: Fixture.routine(
                    name: "Evening calves and feet",
                    items: #"[{"exerciseId": "foot-toe-stretch"}, {"exerciseId": "calf-stretch-wall"}]"#))
            #expect(changed.status == .ok)
            try await client.expectDocumented(changed, "put", "/api/v1/routines/{id}")
            let reread = try await client.json(location)
            #expect(reread["name"]?.string == "Evening calves and feet")
            #expect(
                reread.array(at: "items").compactMap { $0["exerciseId"]?.string } == [
                    "foot-toe-stretch", "calf-stretch-wall",
                ])
            #expect(try await store.customRoutine(id: id, profile: .local)?.name == "Evening calves and feet")

            let deleted = try await client.delete(location)
            #expect(deleted.status == .noContent)
            try await client.expectDocumented(deleted, "delete", "/api/v1/routines/{id}")
            #expect(try await client.get(location).status == .notFound)
            #expect(try await client.delete(location).status == .notFound)
            #expect(try await store.customRoutines(profile: .local).isEmpty)
        }
    }

    struct BadRoutine: Sendable, CustomTestStringConvertible {
        var what: String
        var body: String
        var field: String
        /// 422 for a dose that is well-formed but does not fit the exercise it names.
        var status: HTTPResponse.Status = .badRequest
        var testDescription: String { what }
    }

    static let badRoutines = [
        BadRoutine(
            what: "an unknown exercise", body: Fixture.routine(items: #"[{"exerciseId": "elbow-wiggle"}]"#),
            field: "items[0].exerciseId"),
        BadRoutine(
            what: "a hold of 0 seconds",
            body: Fixture.routine(items: #"[{"exerciseId": "calf-stretch-wall", "dose": {"holdSeconds": 0}}]"#),
            field: "items[0].dose.holdSeconds"),
        BadRoutine(what: "no exercises", body: Fixture.routine(items: "[]"), field: "items"),
        BadRoutine(
            what: "an 81-character name", body: Fixture.routine(name: String(repeating: "a", count: 81)), field: "name"),
        BadRoutine(what: "a blank name", body: Fixture.routine(name: "   "), field: "name"),
        BadRoutine(
            what: "repetitions for a timed hold",
            body: Fixture.routine(items: #"[{"exerciseId": "calf-stretch-wall", "dose": {"repetitions": 5}}]"#),
            field: "items[0].dose.repetitions", status: .unprocessableContent),
        BadRoutine(
            what: "an unknown dose field",
            body: Fixture.routine(items: #"[{"exerciseId": "calf-stretch-wall", "dose": {"seconds": 20}}]"#),
            field: "items[0].dose.seconds"),
    ]

    @Test("A routine that breaks a rule is refused naming the field, and nothing is stored", arguments: badRoutines)
    func refusedRoutine(_ bad: BadRoutine) async throws {
        try await TestApp.run { client, store in
            let before = try await client.routines()
            let response = try await client.post("/api/v1/routines", json: bad.body)
            #expect(response.status == bad.status, "\(response.text)")
            #expect(response.problemField == bad.field, "\(response.text)")
            try await client.expectDocumented(response, "post", "/api/v1/routines")
            #expect(try await client.routines() == before)
            #expect(try await store.customRoutines(profile: .local).isEmpty)
        }
    }

    @Test("A refused change leaves a custom routine as it was")
    func refusedChange() async throws {
        try await TestApp.run { client, _ in
            let location = try #require(
                try await client.post("/api/v1/routines", json: Fixture.routine()).headers[.location])
            let before = try await client.json(location)
            let response = try await client.put(location, json: Fixture.routine(items: "[]"))
            #expect(response.status == .badRequest)
            #expect(response.problemField == "items")
            #expect(try await client.json(location) == before)
        }
    }

    @Test("Changing or deleting a routine that does not exist is a 404")
    func unknownRoutine() async throws {
        try await TestApp.run { client, store in
            let get = try await client.get("/api/v1/routines/my-nothing")
            #expect(get.status == .notFound)
            try await client.expectDocumented(get, "get", "/api/v1/routines/{id}")
            let put = try await client.put("/api/v1/routines/my-nothing", json: Fixture.routine())
            #expect(put.status == .notFound)
            #expect(try await client.delete("/api/v1/routines/my-nothing").status == .notFound)
            #expect(try await store.customRoutines(profile: .local).isEmpty)
        }
    }
}
