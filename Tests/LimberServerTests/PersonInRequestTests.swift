import Foundation
import HTTPTypes
import LimberCore
import LimberStore
import Testing

/// Every page and API route acts for the person the request names, never for a fixed profile:
/// records another profile keeps in the same store never show, and never change what is played.
@Suite("The person in every request")
struct PersonInRequestTests {
    /// Someone else's diary, routine, dose, conditions, zone and reminder, in the same store.
    static func fillAnotherProfile(_ store: SQLiteStore) async throws {
        let other: ProfileID = "someone-else"
        _ = try await store.addEpisode(
            Episode(
                occurredAt: Date().addingTimeInterval(-3600), durationSeconds: 120, regions: ["calf"], severity: 9,
                notes: "not yours"), profile: other)
        _ = try await store.saveCustomRoutine(
            Routine(
                id: "my-theirs", name: "Their own routine", purpose: .prevention, summary: "Theirs.", regions: ["calf"],
                items: [.init(exerciseId: "calf-stretch-wall")]), profile: other)
        try await store.savePersonalDose(
            PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 55)), profile: other)
        try await store.setConditions([.osteoporosis], profile: other)
        try await store.setTimeZone("Pacific/Kiritimati", profile: other)
        _ = try await store.addReminder(
            Reminder(routineId: "my-theirs", weekdays: [1], hour: 7, minute: 0, timeZone: "UTC"), profile: other)
    }

    @Test("Another profile's cramps, routines, doses, conditions and reminders reach no page and no API answer")
    func anotherProfileNeverShows() async throws {
        try await TestApp.run { client, store in
            try await Self.fillAnotherProfile(store)
            #expect(try await client.episodes().isEmpty)
            #expect(!(try await client.routines()).contains { $0["id"]?.string == "my-theirs" })
            #expect(try await client.get("/api/v1/routines/my-theirs").status == .notFound)
            #expect(try await client.json("/api/v1/reminders").array.isEmpty)
            #expect(try await client.json("/api/v1/personal-doses").array.isEmpty)
            let profile = try await client.json("/api/v1/profile")
            #expect(profile["conditionsSaved"]?.bool == false)
            #expect(profile["timeZoneSaved"]?.bool == false)

            // The local person's calf hold is the catalog's 30 s, not the other's 55 s, and their
            // back routine keeps the prayer pose the other's osteoporosis would swap out.
            let timeline = try await client.json("/api/v1/routines/seed-full/timeline")
            let holds = (timeline["steps"]?.array ?? []).filter {
                $0["exerciseId"]?.string == "calf-stretch-wall" && $0["kind"]?.string == "hold"
            }.compactMap { $0["duration"]?.int }
            #expect(!holds.isEmpty && holds.allSatisfy { $0 == 30 }, "\(holds)")
            let back = try await client.json("/api/v1/routines/back-spasm/timeline")
            #expect((back["steps"]?.array ?? []).contains { $0["exerciseId"]?.string == "prayer-pose" })

            let diary = try await client.get("/diary").text
            #expect(!diary.contains("not yours"))
            #expect(!(try await client.get("/routines").text).contains("Their own routine"))
            #expect(!(try await client.get("/reminders").text).contains("Their own routine"))
        }
    }

    @Test("A server acting for another profile shows that profile's records everywhere, and none of the local one's")
    func everyRouteReadsThePersonFromTheRequest() async throws {
        try await TestApp.run(timeZone: TimeZone(identifier: "UTC")!, profile: "someone-else") { client, store in
            try await Self.fillAnotherProfile(store)
            _ = try await store.addEpisode(
                Episode(
                    occurredAt: Date().addingTimeInterval(-60), durationSeconds: 60, regions: ["calf"], severity: 2,
                    notes: "the local one"), profile: .local)
            #expect(try await client.episodes().compactMap { $0["notes"]?.string } == ["not yours"])
            #expect(try await client.routines().contains { $0["id"]?.string == "my-theirs" })
            #expect(try await client.json("/api/v1/reminders").array.count == 1)
            #expect(try await client.json("/api/v1/profile")["timeZone"]?.string == "Pacific/Kiritimati")
            let timeline = try await client.json("/api/v1/routines/seed-full/timeline")
            #expect(
                (timeline["steps"]?.array ?? []).contains {
                    $0["exerciseId"]?.string == "calf-stretch-wall" && $0["duration"]?.int == 55
                }, "their 55 s hold")
            let back = try await client.json("/api/v1/routines/back-spasm/timeline")
            #expect(!(back["steps"]?.array ?? []).contains { $0["exerciseId"]?.string == "prayer-pose" })
            let diary = try await client.get("/diary").text
            #expect(diary.contains("not yours") && !diary.contains("the local one"))
            #expect(try await client.get("/routines").text.contains("Their own routine"))
        }
    }

    @Test("A dose the local person accepts changes their timelines, and leaves another profile's as it was")
    func dosesAreKeptPerPerson() async throws {
        try await TestApp.run { client, store in
            try await store.savePersonalDose(
                PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 40)), profile: .local)
            let timeline = try await client.json("/api/v1/routines/seed-full/timeline")
            #expect(
                (timeline["steps"]?.array ?? []).contains {
                    $0["exerciseId"]?.string == "calf-stretch-wall" && $0["duration"]?.int == 40
                })
            #expect(try await store.personalDoses(profile: "someone-else").isEmpty)
        }
    }
}

/// Each person's time zone: saved with their profile, and deciding how their dates read.
@Suite("A person's time zone")
struct PersonTimeZoneTests {
    @Test("GET /api/v1/profile gives the server's zone until one is saved; PUT saves it and null goes back")
    func profileTimeZone() async throws {
        try await TestApp.run(timeZone: TimeZone(identifier: "Europe/Paris")!) { client, store in
            let fresh = try await client.json("/api/v1/profile")
            #expect(fresh["timeZone"]?.string == "Europe/Paris")
            #expect(fresh["timeZoneSaved"]?.bool == false)

            let put = try await client.put("/api/v1/profile", json: #"{"timeZone": "America/New_York"}"#)
            #expect(put.status == .ok, "\(put.text)")
            #expect(try put.json()["timeZone"]?.string == "America/New_York")
            #expect(try await store.timeZone(profile: .local) == "America/New_York")
            #expect(try await store.conditions(profile: .local) == nil, "a field left out stays as it was")

            _ = try await client.put("/api/v1/profile", json: #"{"timeZone": null}"#)
            #expect(try await client.json("/api/v1/profile")["timeZone"]?.string == "Europe/Paris")
        }
    }

    @Test("A zone that is not an IANA name is refused naming timeZone, and nothing else in the request is saved")
    func badTimeZone() async throws {
        try await TestApp.run { client, store in
            for zone in ["EST", "Mars/Olympus", ""] {
                let bad = try await client.put(
                    "/api/v1/profile", json: #"{"conditions": ["knee"], "timeZone": "\#(zone)"}"#)
                #expect(bad.status == .badRequest, "\(zone)")
                #expect(bad.problemField == "timeZone")
                #expect(bad.text.contains("IANA"), "\(bad.text)")
            }
            #expect(try await store.conditions(profile: .local) == nil)
            #expect(try await store.timeZone(profile: .local) == nil)
        }
    }

    @Test("A time typed in the diary form is read in the person's zone, and listed in it")
    func diaryReadsThePersonsZone() async throws {
        try await TestApp.run(timeZone: TimeZone(identifier: "UTC")!) { client, store in
            try await store.setTimeZone("America/New_York", profile: .local)
            let posted = try await client.postForm(
                "/diary", "region=calf&severity=5&duration=90s&at=2026-11-20T23%3A10")
            #expect(posted.status == .seeOther || posted.status == .found, "\(posted.text)")
            let episode = try #require(try await store.episodes(profile: .local, since: nil, region: nil).first)
            // 23:10 in New York is 04:10 the next day in UTC.
            #expect(ISODate.string(episode.occurredAt) == "2026-11-21T04:10:00.000Z")
            #expect(try await client.get("/diary?month=2026-11").text.contains("Fri 20 Nov 2026, 23:10"))

            _ = try await client.put("/api/v1/profile", json: #"{"timeZone": "Asia/Tokyo"}"#)
            // The same moment, shown where the person now is.
            #expect(try await client.get("/diary?month=2026-11").text.contains("Sat 21 Nov 2026, 13:10"))
        }
    }

    @Test(
        "About you saves the zone chosen in its list; a zone it does not list is refused by its label, saving nothing")
    func settingsPageZone() async throws {
        try await TestApp.run(timeZone: TimeZone(identifier: "Europe/Paris")!) { client, store in
            let page = try await client.get("/settings").text
            #expect(page.contains(#"<option value="" selected>This server&#39;s (Europe/Paris)</option>"#), "\(page)")
            let bad = try await client.postForm("/settings", "conditions%5B%5D=knee&timeZone=Moon%2FBase")
            #expect(bad.status == .badRequest)
            #expect(
                bad.text.contains("Time zone: &quot;Moon/Base&quot; is not accepted")
                    || bad.text.contains("Time zone: \"Moon/Base\" is not accepted"), "\(bad.text)")
            #expect(
                try await store.conditions(profile: .local) == nil, "the conditions in the same post were not saved")
            #expect(try await store.timeZone(profile: .local) == nil)

            _ = try await client.postForm("/settings", "timeZone=Asia%2FTokyo")
            #expect(try await store.timeZone(profile: .local) == "Asia/Tokyo")
            #expect(try await client.get("/settings").text.contains(#"<option value="Asia/Tokyo" selected>"#))
            _ = try await client.postForm("/settings", "timeZone=")
            #expect(try await store.timeZone(profile: .local) == nil, "the empty choice goes back to the server's zone")
        }
    }

    @Test("A zone saved by another process (the CLI) reaches the diary once the recheck interval has passed")
    func zoneFromAnotherProcess() async throws {
        let clock = ManualClock()
        let paris = TimeZone(identifier: "Europe/Paris")!
        try await TestApp.run(dosesRecheckedAfter: .milliseconds(250), clock: clock.serverClock, timeZone: paris) {
            client, store in
            _ = try await store.addEpisode(
                Episode(
                    occurredAt: try #require(ISODate.parse("2026-11-20T10:30:00Z")), durationSeconds: 60,
                    regions: ["calf"], severity: 3), profile: .local)
            #expect(try await client.get("/diary?month=2026-11").text.contains("Fri 20 Nov 2026, 11:30"))
            try await store.setTimeZone("Asia/Tokyo", profile: .local)  // as `limber profile --time-zone` would
            #expect(
                try await client.get("/diary?month=2026-11").text.contains("Fri 20 Nov 2026, 11:30"),
                "not rechecked yet")
            clock.advance(by: .milliseconds(251))
            #expect(try await client.get("/diary?month=2026-11").text.contains("Fri 20 Nov 2026, 19:30"))
        }
    }

    @Test("The API's since= names a day in the person's zone")
    func sinceInThePersonsZone() async throws {
        try await TestApp.run(timeZone: TimeZone(identifier: "UTC")!) { client, store in
            try await store.setTimeZone("Pacific/Auckland", profile: .local)
            // 2026-11-20 10:30 UTC is 23:30 on the 20th in Auckland; 11:30 UTC is already the 21st there.
            for hour in [10, 11] {
                _ = try await store.addEpisode(
                    Episode(
                        occurredAt: try #require(ISODate.parse("2026-11-20T\(hour):30:00Z")), durationSeconds: 60,
                        regions: ["calf"], severity: 3), profile: .local)
            }
            let since = try await client.json("/api/v1/episodes?since=2026-11-21").array
            #expect(since.compactMap { $0["occurredAt"]?.string } == ["2026-11-20T11:30:00.000Z"])
        }
    }
}

/// The server reads the time from the clock its configuration was given.
@Suite("The server's clock")
struct ServerClockTests {
    @Test("A passed check opens the player for 15 minutes of the server's clock, then asks again")
    func checkLastsFifteenMinutes() async throws {
        let clock = ManualClock()
        try await TestApp.run(clock: clock.serverClock) { client, _ in
            let passed = try await client.postForm(
                "/play/check", "routine=relief-calf&choice=none&askedConditions=1")
            let location = try #require(passed.headers[.location])
            #expect(location.contains("checked="), "\(location)")
            #expect(!(try await client.get(location).text).contains(#"id="check-form""#), "fresh: no check")
            clock.advance(by: .seconds(14 * 60))
            #expect(
                !(try await client.get(location).text).contains(#"id="check-form""#), "14 minutes later still fresh")
            clock.advance(by: .seconds(2 * 60))
            #expect(try await client.get(location).text.contains(#"id="check-form""#), "16 minutes later it asks again")
        }
    }
}
