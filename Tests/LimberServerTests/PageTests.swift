import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Web pages")
struct PageTests {
    static let pages = [
        "/", "/regions/calf", "/exercises/calf-stretch-wall", "/routines", "/routines/seed-full", "/routines/new",
        "/play?routine=seed-full", "/play?region=calf&side=left", "/diary", "/safety", "/export",
    ]

    @Test("Every page opens as HTML", arguments: pages)
    func pageOpens(_ uri: String) async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get(uri)
            #expect(response.status == .ok, "\(response.text.prefix(300))")
            #expect(response.mediaType == "text/html")
            #expect(response.text.hasPrefix("<!doctype html>"))
            #expect(response.text.contains("</html>"))
        }
    }

    @Test("Exercise pages say which numbers Limber chose in a sentence, never as field names, and no empty heading")
    func exercisePagesSpeakPlainly() async throws {
        try await TestApp.run { client, _ in
            let calf = try await client.get("/exercises/calf-stretch-wall").text
            #expect(
                calf.contains(
                    "Limber chose the 10 s to get into position and the 5 s to switch legs; no source gives these times."
                ))
            let exercises = try await client.json("/api/v1/exercises").array
            #expect(exercises.count > 6)
            for id in exercises.compactMap({ $0["id"]?.string }) {
                let page = try await client.get("/exercises/\(id)").text
                for name in [
                    "setupSeconds", "switchSeconds", "restSeconds", "hold.seconds", "repeat.", "projectDefaults",
                ] {
                    #expect(!page.contains(name), "\(id) shows \(name)")
                }
                #expect(!page.contains("You need: </p>") && !page.contains("You need: <"), "\(id): an empty label")
                #expect(!page.contains("<p></p>") && !page.contains("<ul class=\"cautions\"></ul>"), "\(id): empty")
            }
            let midTrap = try await client.get("/exercises/mid-trap-raise").text
            #expect(!midTrap.contains("Before you start"), "no cautions, so no heading for them")
            let seated = try await client.get("/exercises/seated-hamstring-stretch").text
            #expect(!seated.contains("When it gets easy"), "no progression, so no heading for it")
            #expect(!seated.contains("With osteoporosis or low bone density: With osteoporosis"))
        }
    }

    @Test("Region and player pages say each caution once and name the stretches a caution is only for")
    func regionCautionsSaidOnce() async throws {
        try await TestApp.run { client, _ in
            let calf = try await client.get("/regions/calf").text
            #expect(calf.components(separatedBy: "sign of a blood clot").count == 2)
            #expect(calf.contains("<li>Seated calf stretch with a towel: Pull the foot through the towel"))
            let player = try await client.get("/play?routine=relief-calf&checked=\(TestApp.checkedNow)").text
            #expect(player.contains("<li>Seated calf stretch with a towel: Pull the foot through the towel"))
            #expect(player.components(separatedBy: "sign of a blood clot").count == 2)
            let home = try await client.get("/").text
            #expect(home.contains(">1 stretch<"))
            #expect(!home.contains("bedtime</span>"), "the bedtime routine's name already says bedtime")
        }
    }

    @Test("An unknown region is a 404 page, not JSON")
    func unknownRegion() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/regions/elbow")
            #expect(response.status == .notFound)
            #expect(response.mediaType == "text/html")
            #expect(response.text.hasPrefix("<!doctype html>"))
            #expect(response.text.contains("elbow"))
        }
    }

    @Test("The home page links to every region Limber has exercises for")
    func homeLinksRegions() async throws {
        try await TestApp.run { client, _ in
            let home = try await client.get("/")
            let regions = try await client.json("/api/v1/regions").array.compactMap { $0["id"]?.string }
            #expect(regions.count >= 5)
            for region in regions {
                #expect(home.text.contains(#"href="/regions/\#(region)""#), "no link to \(region)")
            }
        }
    }

    @Test("The player page points the script at the timeline it should play")
    func playerTimeline() async throws {
        try await TestApp.run { client, _ in
            let page = try await client.get("/play?region=calf&side=left&checked=\(TestApp.checkedNow)")
            #expect(page.text.contains(#"data-timeline-url="/api/v1/timeline?region=calf&amp;side=left""#))
            #expect(page.text.contains(#"<script type="module" src="/static/player.js"></script>"#))
            // Neither a routine nor a region: the same refusal as GET /api/v1/timeline, which is 422.
            #expect(try await client.get("/play").status == .unprocessableContent)
            #expect(try await client.get("/play?routine=no-such-routine").status == .notFound)
        }
    }

    @Test("Logging a cramp with the diary form redirects to the diary, which lists it")
    func diaryFormPost() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.postForm(
                "/diary", "region=calf&side=left&severity=5&duration=90s&triggers%5B%5D=night&woke=on&notes=After+a+run"
            )
            #expect(response.status == .seeOther)
            let episodes = try await client.episodes()
            #expect(episodes.count == 1)
            let episode = try #require(episodes.first)
            // To the month the cramp is in (this one: no time was typed), at the entry itself.
            let id = try #require(episode["id"]?.string?.lowercased())
            let location = try #require(response.headers[.location])
            #expect(location.hasPrefix("/diary?month=") && location.hasSuffix("&saved=1#entry-\(id)"), "\(location)")
            #expect(episode["regions"] == .array([.string("calf")]))
            #expect(episode["side"]?.string == "left")
            #expect(episode["severity"]?.int == 5)
            #expect(episode["durationSeconds"]?.int == 90)
            #expect(episode["triggers"] == .array([.string("night")]))
            #expect(episode["wokeFromSleep"]?.bool == true)

            let diary = try await client.get(String(location.prefix(while: { $0 != "#" })))
            #expect(diary.text.contains("Saved."))
            #expect(diary.text.contains("id=\"entry-\(id)\""))
            #expect(diary.text.contains("severity 5/10"))
            #expect(diary.text.contains("After a run"))
        }
    }

    @Test("A diary form with severity 11 is shown again with the reason, and nothing is stored")
    func badDiaryFormPost() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.postForm("/diary", "region=calf&severity=11&duration=90s&notes=kept")
            #expect(response.status == .badRequest)
            #expect(response.mediaType == "text/html")
            #expect(response.text.contains("Use a whole number from 0 to 10"))
            #expect(response.text.contains(#"role="alert""#))
            // What was typed is kept, so the person only fixes the one field.
            #expect(response.text.contains(#"value="11""#))
            #expect(response.text.contains(">kept</textarea>"))
            #expect(try await client.episodes().isEmpty)
        }
    }

    @Test("A diary form dated 30 February or tomorrow is shown again with the reason, and nothing is stored")
    func impossibleDiaryFormDate() async throws {
        try await TestApp.run { client, _ in
            let rolledOver = try await client.postForm(
                "/diary", "region=calf&severity=5&duration=90s&at=2026-02-30T10%3A00")
            #expect(rolledOver.status == .badRequest)
            #expect(rolledOver.text.contains("February 2026 has no day 30"), "\(rolledOver.text)")
            #expect(rolledOver.text.contains("YYYY-MM-DD"))

            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
            let tomorrow = formatter.string(from: Date().addingTimeInterval(86_400))
            let future = try await client.postForm(
                "/diary",
                "region=calf&severity=5&duration=90s&at=\(tomorrow.replacingOccurrences(of: ":", with: "%3A"))")
            #expect(future.status == .badRequest)
            #expect(future.text.contains("has not happened yet"), "\(future.text)")
            #expect(try await client.episodes().isEmpty)
        }
    }

    @Test("A diary entry can be changed and deleted from its pages")
    func diaryEditAndDelete() async throws {
        try await TestApp.run { client, _ in
            _ = try await client.post("/api/v1/episodes", json: Fixture.episode())
            let edit = try await client.postForm(
                "/diary/\(Fixture.episodeID)/edit", "region=foot&side=right&severity=2&duration=2m")
            #expect(edit.status == .seeOther)
            let changed = try await client.json("/api/v1/episodes/\(Fixture.episodeID)")
            #expect(changed["regions"] == .array([.string("foot")]))
            #expect(changed["durationSeconds"]?.int == 120)

            // The question page's Delete button posts confirm=yes (DiaryPageTests checks it asks first).
            let delete = try await client.postForm("/diary/\(Fixture.episodeID)/delete", "confirm=yes")
            #expect(delete.status == .seeOther)
            #expect(try await client.episodes().isEmpty)
        }
    }

    @Test("The routine form makes a routine with the chosen exercises, order and doses")
    func routineFormPost() async throws {
        try await TestApp.run { client, _ in
            let form = try await client.get("/routines/new")
            // The names the test posts are the names the form has.
            #expect(form.text.contains(#"name="rows[e0][id]" value="calf-stretch-wall""#))
            for field in ["include", "order", "amount", "sets"] {
                #expect(form.text.contains(#"name="rows[e0][\#(field)]""#))
            }
            let rows = [
                "rows%5Be0%5D%5Bid%5D=calf-stretch-wall", "rows%5Be0%5D%5Binclude%5D=on", "rows%5Be0%5D%5Border%5D=2",
                "rows%5Be0%5D%5Bamount%5D=45", "rows%5Be0%5D%5Bsets%5D=2",
                "rows%5Be6%5D%5Bid%5D=foot-toe-stretch", "rows%5Be6%5D%5Binclude%5D=on", "rows%5Be6%5D%5Border%5D=1",
                "rows%5Be6%5D%5Bamount%5D=", "rows%5Be6%5D%5Bsets%5D=",
                "rows%5Be1%5D%5Bid%5D=seated-hamstring-stretch", "rows%5Be1%5D%5Border%5D=3",
            ]
            let response = try await client.postForm(
                "/routines", (["name=Before+bed", "purpose=bedtime"] + rows).joined(separator: "&"))
            #expect(response.status == .seeOther, "\(response.text.prefix(500))")
            #expect(response.headers[.location] == "/routines?saved=1")

            let custom = try await client.routines().filter { $0["isBuiltIn"]?.bool == false }
            let routine = try #require(custom.first)
            #expect(custom.count == 1)
            #expect(routine["name"]?.string == "Before bed")
            #expect(routine["purpose"]?.string == "bedtime")
            let items = routine.array(at: "items")
            #expect(items.compactMap { $0["exerciseId"]?.string } == ["foot-toe-stretch", "calf-stretch-wall"])
            #expect(items.last?["dose"]?["holdSeconds"]?.int == 45)
            #expect(items.last?["dose"]?["sets"]?.int == 2)
            #expect(items.first?["dose"] == nil)

            let list = try await client.get("/routines?saved=1")
            #expect(list.text.contains("Before bed"))
        }
    }

    @Test("A routine form without a name is shown again with the reason, and nothing is stored")
    func badRoutineFormPost() async throws {
        try await TestApp.run { client, store in
            let response = try await client.postForm(
                "/routines",
                "name=&purpose=prevention&rows%5Be0%5D%5Bid%5D=calf-stretch-wall&rows%5Be0%5D%5Binclude%5D=on")
            #expect(response.status == .badRequest)
            #expect(response.mediaType == "text/html")
            #expect(response.text.contains(#"role="alert""#))
            #expect(response.text.contains("give a name of 1 to 80 characters"))
            #expect(try await store.customRoutines(profile: .local).isEmpty)
        }
    }

    @Test("A routine form with a bad dose says what is wrong with it, without calling it missing")
    func routineFormErrorReadsRight() async throws {
        try await TestApp.run { client, store in
            let response = try await client.postForm(
                "/routines",
                "name=Calves&rows%5Be0%5D%5Bid%5D=calf-stretch-wall&rows%5Be0%5D%5Binclude%5D=on"
                    + "&rows%5Be0%5D%5Bamount%5D=0&rows%5Be0%5D%5Bsets%5D=1")
            #expect(response.status == .badRequest)
            let alert = response.text.firstMatch(of: /<p class="error" role="alert">([^<]*)<\/p>/).map { String($0.1) }
            #expect(alert?.contains("&quot;0&quot; is not accepted") == true, "\(alert ?? "no error shown")")
            #expect(alert?.contains("missing") == false, "\(alert ?? "no error shown")")
            #expect(try await store.customRoutines(profile: .local).isEmpty)
        }
    }
}
