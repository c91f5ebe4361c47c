import Foundation
import HTTPTypes
import Testing

@Suite("The warning-sign check before a relief session")
struct SafetyCheckTests {
    @Test("The API lists the back questions for the lower back, and an urgent yes forbids starting")
    func apiCheck() async throws {
        try await TestApp.run { client, _ in
            let content = try await client.json("/api/v1/safety?region=lower-back")
            let ids = (content["redFlags"]?.array ?? []).compactMap { $0["id"]?.string }
            #expect(ids.contains("back-numbness-groin-buttocks"))
            #expect(!ids.contains("one-leg-swollen-warm"), "leg questions are not asked about the back")

            let urgent = try await client.post(
                "/api/v1/safety/check",
                json: #"{"answers": {"back-numbness-groin-buttocks": true}, "regions": ["lower-back"]}"#)
            #expect(urgent.status == .ok)
            let verdict = try urgent.json()
            #expect(verdict["level"]?.string == "urgent")
            #expect(verdict["canStartSession"]?.bool == false)

            let calm = try await client.post(
                "/api/v1/safety/check", json: #"{"answers": {"frequent-cramps": true}, "noneApply": true}"#)
            #expect(try calm.json()["level"]?.string == "see-doctor")
            #expect(try calm.json()["canStartSession"]?.bool == true)

            // Nothing answered is not "none of these": the check is incomplete and nothing may start.
            for body in [
                #"{"answers": {}}"#, #"{"answers": {}, "regions": ["calf"]}"#,
                #"{"answers": {"frequent-cramps": false}, "regions": ["calf"]}"#,
            ] {
                let empty = try await client.post("/api/v1/safety/check", json: body)
                #expect(try empty.json()["level"]?.string == "incomplete", "\(body)")
                #expect(try empty.json()["canStartSession"]?.bool == false, "\(body)")
                #expect(!(try empty.json()["unanswered"]?.array ?? []).isEmpty)
            }
            let none = try await client.post(
                "/api/v1/safety/check", json: #"{"answers": {}, "regions": ["upper-back"], "noneApply": true}"#)
            #expect(try none.json()["canStartSession"]?.bool == true)
            #expect((try none.json()["regionAdvice"]?.array ?? []).count == 1, "the upper back's advice is shown")

            let misspelt = try await client.post(
                "/api/v1/safety/check", json: #"{"answers": {}, "regions": ["calff"], "noneApply": true}"#)
            #expect(misspelt.status == .badRequest)
            #expect(misspelt.problemField == "regions")

            let unknown = try await client.post("/api/v1/safety/check", json: #"{"answers": {"moon-phase": true}}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.problemField == "answers.moon-phase")
        }
    }

    @Test("On the web, writer's cramp stops the hand routine with the GP advice and no player")
    func writersCrampOnTheWeb() async throws {
        try await TestApp.run { client, _ in
            let answer = try await client.postForm(
                "/play/check", "routine=relief-forearm-hand&choice=check&flags%5B%5D=cramp-only-during-one-task")
            #expect(answer.status == .ok)
            #expect(answer.headers[.location] == nil, "no way on to the player")
            #expect(answer.text.contains("Stretching is not the answer here"))
            #expect(answer.text.contains("See your GP"))
        }
    }

    @Test("A relief session asks first; 'none of these' goes straight to the player")
    func noneOfThese() async throws {
        try await TestApp.run { client, _ in
            let check = try await client.get("/play?region=lower-back")
            #expect(check.text.contains("None of the signs below apply: start"))
            #expect(check.text.contains("numbness around the groin or buttocks"))
            #expect(
                check.text.contains("id=\"start-panel\" aria-labelledby=\"start-heading\" hidden"),
                "the player's start is hidden until the check is answered")
            // A post that answers nothing starts nothing: the check is shown again, saying why.
            let nothing = try await client.postForm("/play/check", "regions%5B%5D=lower-back")
            #expect(nothing.status == .badRequest)
            #expect(nothing.text.contains("Nothing was answered"))
            #expect(nothing.headers[.location] == nil)
            let answer = try await client.postForm("/play/check", "regions%5B%5D=lower-back&choice=none")
            #expect(answer.status == .seeOther)
            let location = try #require(answer.headers[.location])
            #expect(location.hasPrefix("/play?region=lower-back"))
            let stamp = try #require(
                location.split(separator: "checked=").last.flatMap { Int($0.prefix { $0.isNumber }) })
            #expect(abs(stamp - TestApp.checkedNow) < 5, "the address says when the check passed")
            _ = try await client.expectPassedCheck(location)
        }
    }

    @Test("Numbness around the groin or buttocks with a back spasm stops the back routine with urgent advice")
    func urgentStops() async throws {
        try await TestApp.run { client, _ in
            let answer = try await client.postForm(
                "/play/check", "routine=back-spasm&choice=check&flags%5B%5D=back-numbness-groin-buttocks")
            #expect(answer.status == .ok)
            #expect(answer.text.contains("Do not start the stretches."))
            #expect(answer.text.contains("urgent medical help now"))
            #expect(!answer.text.contains("/play?"), "there is no way on to the session from here")
        }
    }

    @Test("A see-a-doctor answer lets the session go on with the advice beside the player")
    func seeDoctorGoesOn() async throws {
        try await TestApp.run { client, _ in
            let answer = try await client.postForm(
                "/play/check", "regions%5B%5D=calf&side=left&choice=check&flags%5B%5D=frequent-cramps")
            #expect(answer.status == .seeOther)
            let location = try #require(answer.headers[.location])
            #expect(location.contains("advice=frequent-cramps"))
            let player = try await client.expectPassedCheck(location)
            #expect(player.text.contains("4-week cut-off"), "the advice is shown beside the player")
        }
    }

    @Test("Prevention routines start without the check")
    func preventionSkipsTheCheck() async throws {
        try await TestApp.run { client, _ in
            let player = try await client.get("/play?routine=seed-full")
            #expect(player.text.contains("id=\"stage\""))
        }
    }
}
