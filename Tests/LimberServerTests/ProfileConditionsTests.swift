import Foundation
import HTTPTypes
import LimberCore
import Testing

/// Saved health conditions reach every screen: the API, plans, built-in routines, the player and
/// the warning-sign page that asks about them once.
@Suite("Saved health conditions")
struct ProfileConditionsTests {
    @Test("GET /api/v1/profile says nothing is saved yet; PUT saves and GET reads it back")
    func profileRoundTrip() async throws {
        try await TestApp.run { client, store in
            let fresh = try await client.json("/api/v1/profile")
            #expect(fresh["conditionsSaved"]?.bool == false)
            #expect(fresh["conditions"]?.array.isEmpty == true)
            let put = try await client.put("/api/v1/profile", json: #"{"conditions": ["osteoporosis", "knee"]}"#)
            #expect(put.status == .ok)
            #expect(try put.json()["conditions"]?.array.compactMap(\.string) == ["osteoporosis", "knee"])
            #expect(try await store.conditions(profile: .local) == [.osteoporosis, .knee])
        }
    }

    @Test("An unknown condition is refused in one line naming the field, and nothing changes")
    func badCondition() async throws {
        try await TestApp.run { client, store in
            let bad = try await client.put("/api/v1/profile", json: #"{"conditions": ["broken-heart"]}"#)
            #expect(bad.status == .badRequest)
            #expect(bad.problemField?.hasPrefix("conditions") == true)
            #expect(try await store.conditions(profile: .local) == nil)
            let extra = try await client.put("/api/v1/profile", json: #"{"conditions": [], "mood": "low"}"#)
            #expect(extra.status == .badRequest)
        }
    }

    @Test("After saving osteoporosis, the back routine's timeline, the plan API and the player leave out what to avoid")
    func conditionsReachEveryScreen() async throws {
        try await TestApp.run { client, _ in
            func exercises(_ uri: String) async throws -> Set<String> {
                let timeline = try await client.json(uri)
                return Set((timeline["steps"]?.array ?? []).compactMap { $0["exerciseId"]?.string })
            }
            #expect(try await exercises("/api/v1/routines/back-spasm/timeline").contains("prayer-pose"))
            #expect(try await exercises("/api/v1/timeline?region=lower-back").contains("knee-to-chest"))
            _ = try await client.put("/api/v1/profile", json: #"{"conditions": ["osteoporosis"]}"#)

            let back = try await exercises("/api/v1/routines/back-spasm/timeline")
            #expect(!back.contains("prayer-pose") && !back.contains("thoracic-side-stretch"))
            #expect(back.contains("seated-trunk-rotation"), "a safer twist takes the floor twist's place")
            #expect(!(try await exercises("/api/v1/timeline?region=lower-back")).contains("knee-to-chest"))

            let plan = try await client.post("/api/v1/plan", json: #"{"regions": ["lower-back"]}"#)
            let planned = (try plan.json()["plan"]?["routine"]?["items"]?.array ?? []).compactMap {
                $0["exerciseId"]?.string
            }
            #expect(!planned.contains("knee-to-chest"), "saved conditions count even when the request names none")

            let player = try await client.get("/play?routine=back-spasm&checked=\(TestApp.checkedNow)")
            #expect(player.text.contains("Not in your routine: Prayer pose"))
            #expect(player.text.contains("Seated twist on a chair takes its place"))
            #expect(player.text.contains("Fitted to osteoporosis or low bone density."))
            #expect(player.text.contains("href=\"/settings?back="), "the settings are one tap from the player")
        }
    }

    @Test("A person's own routine keeps an exercise to avoid, and its caution stands before the start")
    func ownRoutineShowsTheCaution() async throws {
        try await TestApp.run { client, _ in
            _ = try await client.put("/api/v1/profile", json: #"{"conditions": ["hip-replacement"]}"#)
            let made = try await client.post(
                "/api/v1/routines", json: #"{"name": "Mine", "items": [{"exerciseId": "figure-four-stretch"}]}"#)
            let id = try #require(try made.json()["id"]?.string)
            let timeline = try await client.json("/api/v1/routines/\(id)/timeline")
            #expect((timeline["steps"]?.array ?? []).contains { $0["exerciseId"]?.string == "figure-four-stretch" })
            let player = try await client.get("/play?routine=\(id)&checked=\(TestApp.checkedNow)")
            #expect(player.text.contains("Leave this out if you have a hip replacement"), "\(player.text)")
        }
    }

    @Test("The warning-sign page asks about conditions once, and saving none stops it asking")
    func askedOnce() async throws {
        try await TestApp.run { client, store in
            let first = try await client.get("/play?region=calf")
            #expect(first.text.contains("First time only: tick any that apply to you"))
            let answer = try await client.postForm(
                "/play/check", "regions%5B%5D=calf&choice=none&askedConditions=1&conditions%5B%5D=pregnancy")
            #expect(answer.status == .seeOther)
            #expect(try await store.conditions(profile: .local) == [.pregnancy])
            let second = try await client.get("/play?region=calf")
            #expect(!second.text.contains("First time only: tick any that apply to you"))
        }
    }

    @Test("The settings page saves and clears conditions, and refuses an unknown one naming it")
    func settingsPage() async throws {
        try await TestApp.run { client, store in
            #expect(try await client.get("/settings").status == .ok)
            let now = TestApp.checkedNow
            let saved = try await client.postForm(
                "/settings", "conditions%5B%5D=knee&back=%2Fplay%3Froutine%3Dseed-full%26checked%3D\(now)")
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/play?routine=seed-full&checked=\(now)")
            #expect(try await store.conditions(profile: .local) == [.knee])
            for away in ["%2F%2Fevil.example", "%2F%09%2Fevil.example", "https%3A%2F%2Fevil.example"] {
                let elsewhere = try await client.postForm("/settings", "conditions%5B%5D=knee&back=\(away)")
                #expect(elsewhere.status == .ok, "an address on another site is never followed: \(away)")
                #expect(elsewhere.headers[.location] == nil)
            }
            let bad = try await client.postForm("/settings", "conditions%5B%5D=moon")
            #expect(bad.status == .badRequest)
            #expect(
                bad.text.contains("conditions: &quot;moon&quot; is not accepted")
                    || bad.text.contains("conditions: \"moon\""))
            #expect(try await store.conditions(profile: .local) == [.knee])
            _ = try await client.postForm("/settings", "clear=1")
            #expect(try await store.conditions(profile: .local) == nil)
        }
    }
}
