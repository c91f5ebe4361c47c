import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Progress API and the diary's next steps")
struct ProgressAPITests {
    static let extraSet = "extra-set.calf-stretch-wall.2"

    /// Posts three finished sessions, a day apart and all in the past, rating each exercise in `ratings`.
    func postEasySessions(
        _ client: APIClient, ratings: [String: String] = ["calf-stretch-wall": "too-easy"]
    )
        async throws
    {
        let now = Date()
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let rated = ratings.sorted { $0.key < $1.key }.map {
            #"{"exerciseId": "\#($0.key)", "difficulty": "\#($0.value)"}"#
        }
        for daysAgo in [3, 2, 1] {
            let startedAt = now.addingTimeInterval(-Double(daysAgo) * 86_400)
            let response = try await client.post(
                "/api/v1/sessions",
                json: Fixture.session([
                    "id": "\"\(UUID().uuidString)\"", "startedAt": "\"\(startedAt.formatted(style))\"",
                    "endedAt": "\"\(startedAt.addingTimeInterval(540).formatted(style))\"",
                    "ratings": "[" + rated.joined(separator: ", ") + "]",
                ]))
            #expect(response.status == .created, "\(response.text)")
        }
    }

    func accept(_ client: APIClient, _ id: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.client.execute(uri: "/api/v1/progress/\(id)/accept", method: .post, headers: headers)
    }

    /// The calf stretch's hold lengths in the timeline the web player plays.
    func calfHolds(_ client: APIClient) async throws -> [Int] {
        try await client.json("/api/v1/timeline?routine=seed-full")["steps"]?.array.filter {
            $0["kind"]?.string == "hold" && $0["exerciseId"]?.string == "calf-stretch-wall"
        }.compactMap { $0["duration"]?.int } ?? []
    }

    @Test(
        "Three easy sessions at 30 s suggest a second set; accepting plays and shows it, and undoing goes back to one")
    func acceptAndUndo() async throws {
        try await TestApp.run { client, store in
            try await postEasySessions(client)
            let listed = try await client.get("/api/v1/progress")
            try await client.expectDocumented(listed, "get", "/api/v1/progress")
            let suggestion = try #require(try listed.json().array.first)
            #expect(suggestion["id"]?.string == Self.extraSet)
            #expect(suggestion["kind"]?.string == "extra-set")
            #expect(suggestion["proposed"]?["sets"]?.int == 2)
            #expect(try await calfHolds(client) == [30, 30], "a suggestion changes nothing until it is accepted")
            let before = try await client.json("/api/v1/routines/seed-full")["totalSeconds"]?.int ?? 0
            #expect(try await client.get("/").text.contains("7 min 44 s"), "the seed routine's time on the home page")

            let accepted = try await accept(client, Self.extraSet)
            #expect(accepted.status == .created, "\(accepted.text)")
            try await client.expectDocumented(accepted, "post", "/api/v1/progress/{id}/accept")
            #expect(try accepted.json()["dose"]?["sets"]?.int == 2)
            #expect(try accepted.json()["suggestionId"]?.string == Self.extraSet)
            let again = try await accept(client, Self.extraSet)
            #expect(again.status == .ok, "accepting twice changes nothing: \(again.text)")
            try await client.expectDocumented(again, "post", "/api/v1/progress/{id}/accept")

            #expect(try await calfHolds(client) == [30, 30, 30, 30])
            #expect(try await client.json("/api/v1/routines/seed-full")["totalSeconds"]?.int == before + 80)
            #expect(try await client.get("/").text.contains("9 min 4 s"), "the home page times the new dose at once")
            let page = try await client.get("/exercises/calf-stretch-wall").text
            #expect(
                page.contains(
                    "Hold 30 s, 2 times, 10 s rest; left leg, then right <span class=\"personal-dose\">(your dose)</span>"
                ))
            #expect(page.contains("Limber&#39;s dose: Hold 30 s") || page.contains("Limber's dose: Hold 30 s"))
            #expect(try await client.get("/routines/seed-full").text.contains("Hold 30 s, 2 times, 10 s rest"))
            #expect(try await client.get("/regions/calf").text.contains("(your dose)"))
            #expect(try await client.get("/exercises/prayer-pose").text.contains("(your dose)") == false)

            let doses = try await client.get("/api/v1/personal-doses")
            try await client.expectDocumented(doses, "get", "/api/v1/personal-doses")
            #expect(try doses.json().array.count == 1)
            #expect(try await client.json("/api/v1/progress").array.isEmpty, "the easy ratings were of the old dose")

            let undone = try await client.delete("/api/v1/personal-doses/calf-stretch-wall")
            #expect(undone.status == .noContent)
            try await client.expectDocumented(undone, "delete", "/api/v1/personal-doses/{exerciseId}")
            #expect(try await calfHolds(client) == [30, 30])
            #expect(try await client.get("/").text.contains("7 min 44 s"))
            #expect(try await store.personalDoses(profile: .local).isEmpty)
            let none = try await client.delete("/api/v1/personal-doses/calf-stretch-wall")
            #expect(none.status == .notFound)
            try await client.expectDocumented(none, "delete", "/api/v1/personal-doses/{exerciseId}")
        }
    }

    @Test("An unknown suggestion is 404, advice only is 422, and another site's accept is 403; nothing is stored")
    func refusals() async throws {
        try await TestApp.run { client, store in
            try await postEasySessions(client, ratings: ["mid-trap-raise": "too-easy"])
            let path = "/api/v1/progress/{id}/accept"
            let unknown = try await accept(client, "longer-hold.calf-stretch-wall.90")
            #expect(unknown.status == .notFound)
            try await client.expectDocumented(unknown, "post", path)
            let advice = try await accept(client, "hand-weights.mid-trap-raise")
            #expect(advice.status == .unprocessableContent, "\(advice.text)")
            #expect(try advice.json()["detail"]?.string?.contains("advice only") == true)
            try await client.expectDocumented(advice, "post", path)
            try await postEasySessions(client)
            let forged = try await accept(client, Self.extraSet, headers: [.origin: "https://evil.example"])
            #expect(forged.status == .forbidden)
            try await client.expectDocumented(forged, "post", path)
            #expect(try await store.personalDoses(profile: .local).isEmpty)
        }
    }

    @Test("The diary lists next steps; its Accept and Undo buttons change the dose and come back to the diary")
    func diaryNextSteps() async throws {
        try await TestApp.run { client, store in
            let empty = try await client.get("/diary").text
            #expect(empty.contains("Next steps"))
            #expect(empty.contains("No suggestions yet"))

            try await postEasySessions(client)
            let diary = try await client.get("/diary").text
            #expect(diary.contains("you may do it twice instead of once"))
            #expect(diary.contains("action=\"/progress/\(Self.extraSet)/accept\""))

            let accepted = try await client.postForm("/progress/\(Self.extraSet)/accept", "")
            #expect(accepted.status == .seeOther)
            #expect(accepted.headers[.location]?.hasPrefix("/diary") == true)
            #expect(try await store.personalDoses(profile: .local).first?.dose.sets == 2)
            let after = try await client.get("/diary").text
            #expect(after.contains("Your own doses"))
            #expect(after.contains("action=\"/progress/undo/calf-stretch-wall\""))

            let undone = try await client.postForm("/progress/undo/calf-stretch-wall", "")
            #expect(undone.status == .seeOther)
            #expect(undone.headers[.location]?.hasPrefix("/diary") == true)
            #expect(try await store.personalDoses(profile: .local).isEmpty)
        }
    }
}
