import Foundation
import HTTPTypes
import HummingbirdTesting
import LimberCore
import LimberServer
import LimberStore
import Testing

/// Reminders through the API and the page, and the calendar feed at its secret, revocable address.
@Suite("Reminders and the calendar feed")
struct ReminderAPITests {
    static let reminderID = "3c9a1f0e-7b2d-4c6e-9f8a-1d2e3f4a5b6c"

    /// A valid reminder body, with `fields` replaced or added as raw JSON and `removing` left out.
    static func reminder(_ fields: [String: String] = [:], removing: Set<String> = []) -> String {
        var members = [
            "id": "\"\(reminderID)\"", "routineId": "\"bedtime-leg-cramps\"", "weekdays": "[1, 3]", "hour": "21",
            "minute": "30", "timeZone": "\"Europe/London\"",
        ]
        members.merge(fields) { $1 }
        return Fixture.object(members.filter { !removing.contains($0.key) })
    }

    /// The form a browser posts from the reminders page.
    static let form =
        "routine=bedtime-leg-cramps&days%5B%5D=mon&days%5B%5D=wed&time=21%3A30&timeZone=Europe%2FLondon"

    /// Turns the feed on (or makes a new address) through the page, returning the feed's path.
    func newFeedAddress(_ client: APIClient, _ store: SQLiteStore) async throws -> String {
        let response = try await client.postForm("/reminders/feed/new", "")
        #expect(response.status == .seeOther)
        let token = try #require(try await store.calendarFeedToken(profile: .local))
        return "/calendar/\(token).ics"
    }

    // MARK: - API

    @Test("A reminder posted to the API is listed and deleted, each answer as documented")
    func apiRoundTrip() async throws {
        try await TestApp.run { client, _ in
            let created = try await client.post("/api/v1/reminders", json: Self.reminder())
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.location] == "/api/v1/reminders/\(Self.reminderID)")
            try await client.expectDocumented(created, "post", "/api/v1/reminders")
            #expect(try created.json()["weekdays"]?.array.compactMap(\.int) == [1, 3])

            let list = try await client.get("/api/v1/reminders")
            try await client.expectDocumented(list, "get", "/api/v1/reminders")
            #expect(try list.json().array.count == 1)
            #expect(try list.json().array.first?["timeZone"]?.string == "Europe/London")

            let deleted = try await client.delete("/api/v1/reminders/\(Self.reminderID)")
            #expect(deleted.status == .noContent)
            try await client.expectDocumented(deleted, "delete", "/api/v1/reminders/{id}")
            let again = try await client.delete("/api/v1/reminders/\(Self.reminderID)")
            #expect(again.status == .notFound)
            try await client.expectDocumented(again, "delete", "/api/v1/reminders/{id}")
            let malformed = try await client.delete("/api/v1/reminders/tomorrow")
            #expect(malformed.status == .badRequest)
            #expect(malformed.problemField == "id")
            try await client.expectDocumented(malformed, "delete", "/api/v1/reminders/{id}")
            #expect(try await client.json("/api/v1/reminders").array.isEmpty)
        }
    }

    @Test("A retried post with the same id stores one reminder and says it was already there")
    func retriedPost() async throws {
        try await TestApp.run { client, store in
            _ = try await client.post("/api/v1/reminders", json: Self.reminder())
            let retried = try await client.post("/api/v1/reminders", json: Self.reminder())
            #expect(retried.status == .ok)
            try await client.expectDocumented(retried, "post", "/api/v1/reminders")
            #expect(try await store.reminders(profile: .local).count == 1)
        }
    }

    @Test(
        "A bad reminder is refused naming the field, and nothing is stored",
        arguments: [
            (["weekdays": "[]"], "weekdays"), (["weekdays": "[1, 8]"], "weekdays"),
            (["weekdays": "[2, 2]"], "weekdays"),
            (["hour": "24"], "hour"), (["minute": "60"], "minute"), (["timeZone": "\"EST\""], "timeZone"),
            (["routineId": "\"my-missing\""], "routineId"), (["days": "\"mon\""], "days"),
            (["hour": "\"21\""], "hour"),
        ])
    func badReminder(fields: [String: String], field: String) async throws {
        try await TestApp.run { client, store in
            let response = try await client.post("/api/v1/reminders", json: Self.reminder(fields))
            // A routine that is not there keeps the document's shape; only the stored routines refuse it.
            #expect(response.status == (field == "routineId" ? .unprocessableContent : .badRequest))
            #expect(response.problemField == field, "\(response.text)")
            try await client.expectDocumented(response, "post", "/api/v1/reminders")
            #expect(try await store.reminders(profile: .local).isEmpty)
        }
    }

    @Test("A missing time zone is refused rather than guessed")
    func missingTimeZone() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.post("/api/v1/reminders", json: Self.reminder(removing: ["timeZone"]))
            #expect(response.status == .badRequest)
            #expect(response.problemField == "timeZone")
        }
    }

    @Test("A reminder may name one of your own routines, and the feed shows its name escaped")
    func customRoutine() async throws {
        try await TestApp.run { client, store in
            let routine = try await client.post(
                "/api/v1/routines", json: Fixture.routine(name: "Calves, feet; and back\\slash"))
            let id = try #require(try routine.json()["id"]?.string)
            let created = try await client.post(
                "/api/v1/reminders", json: Self.reminder(["routineId": "\"\(id)\""]))
            #expect(created.status == .created, "\(created.text)")

            let path = try await newFeedAddress(client, store)
            let feed = try await client.get(path)
            #expect(ICalendar.unfold(feed.text).contains("SUMMARY:Limber: Calves\\, feet\\; and back\\\\slash\r\n"))
        }
    }

    // MARK: - Page

    @Test("A reminder added through the page form is stored and listed")
    func pageForm() async throws {
        try await TestApp.run { client, store in
            let response = try await client.postForm("/reminders", Self.form)
            #expect(response.status == .seeOther, "\(response.text.prefix(500))")
            #expect(response.headers[.location] == "/reminders?done=saved")

            let stored = try await store.reminders(profile: .local)
            #expect(stored.map(\.weekdays) == [[1, 3]])
            #expect(stored.first?.hour == 21)
            #expect(stored.first?.minute == 30)
            #expect(stored.first?.timeZone == "Europe/London")
            let page = try await client.get("/reminders?done=saved")
            #expect(page.status == .ok)
            #expect(page.text.contains("Reminder added."))
            #expect(page.text.contains("Bedtime stretches for night leg cramps"))
            #expect(page.text.contains("Monday, Wednesday at 21:30"))
        }
    }

    @Test("The page offers every routine, the weekdays, a time and the server's time zone by default")
    func pageFormFields() async throws {
        try await TestApp.run { client, _ in
            let page = try await client.get("/reminders")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<option value="seed-full">"#))
            #expect(page.text.contains(#"<option value="bedtime-leg-cramps" selected>"#))
            for day in ReminderRules.dayNames { #expect(page.text.contains(#"name="days[]" value="\#(day)""#)) }
            #expect(page.text.contains(#"type="time""#))
            #expect(page.text.contains(#"<option value="\#(TimeZone.current.identifier)" selected>"#))
            #expect(page.text.contains(#"<a href="/reminders">Reminders</a>"#), "the layout links the page")
        }
    }

    @Test("A form without days is shown again with the reason, and nothing is stored")
    func badPageForm() async throws {
        try await TestApp.run { client, store in
            let response = try await client.postForm(
                "/reminders", "routine=bedtime-leg-cramps&time=21%3A30&timeZone=Europe%2FLondon")
            #expect(response.status == .badRequest)
            #expect(response.mediaType == "text/html")
            #expect(response.text.contains(#"role="alert""#))
            #expect(response.text.contains("Days: missing"), "named by the form's label")
            #expect(try await store.reminders(profile: .local).isEmpty)

            let badZone = try await client.postForm(
                "/reminders", "routine=bedtime-leg-cramps&days%5B%5D=fri&time=21%3A30&timeZone=Moon%2FBase")
            #expect(badZone.status == .badRequest)
            #expect(badZone.text.contains("Moon/Base"))
            #expect(try await store.reminders(profile: .local).isEmpty)
        }
    }

    @Test("Removing a reminder through the page deletes it")
    func pageRemove() async throws {
        try await TestApp.run { client, store in
            _ = try await client.postForm("/reminders", Self.form)
            let id = try #require(try await store.reminders(profile: .local).first?.id)
            let response = try await client.postForm("/reminders/\(id.uuidString.lowercased())/delete", "")
            #expect(response.status == .seeOther)
            #expect(try await store.reminders(profile: .local).isEmpty)
        }
    }

    @Test("The diary shows this week's sessions done against those scheduled once there are reminders")
    func diaryAdherence() async throws {
        try await TestApp.run { client, _ in
            let session = Fixture.session([
                "startedAt": "\"\(ISO8601DateFormatter().string(from: Date().addingTimeInterval(-1)))\"",
                "endedAt": "\"\(ISO8601DateFormatter().string(from: Date()))\"",
            ])
            #expect(try await client.post("/api/v1/sessions", json: session).status == .created)
            #expect(!(try await client.get("/diary").text.contains("Sessions done / scheduled")))

            let daily = Self.reminder([
                "routineId": "\"seed-full\"", "weekdays": "[1, 2, 3, 4, 5, 6, 7]", "hour": "12", "minute": "0",
                "timeZone": "\"\(TimeZone.current.identifier)\"",
            ])
            #expect(try await client.post("/api/v1/reminders", json: daily).status == .created)
            let diary = try await client.get("/diary")
            #expect(diary.text.contains("Sessions done / scheduled"))
            #expect(diary.text.contains("1 / 7 (14 %)"))
        }
    }

    // MARK: - Feed

    @Test("The feed at its secret address is an iCalendar file with a weekly event and an alarm")
    func feed() async throws {
        try await TestApp.run { client, store in
            _ = try await client.postForm("/reminders", Self.form)
            let path = try await newFeedAddress(client, store)
            #expect(try await client.get("/reminders").text.contains(path), "the page shows the address")

            let response = try await client.get(path)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(response.headers[.cacheControl]?.contains("private") == true)

            let text = response.text
            #expect(text.hasSuffix("\r\n"))
            let physical = text.components(separatedBy: "\r\n").dropLast()
            #expect(physical.allSatisfy { $0.utf8.count <= 75 })
            let lines = ICalendar.unfold(text).components(separatedBy: "\r\n").dropLast()
            var open: [String] = []
            for line in lines {
                if line.hasPrefix("BEGIN:") { open.append(String(line.dropFirst(6))) }
                if line.hasPrefix("END:") { #expect(open.popLast() == String(line.dropFirst(4)), "\(line)") }
            }
            #expect(open.isEmpty, "every BEGIN has its END")
            #expect(lines.first == "BEGIN:VCALENDAR")
            #expect(lines.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,WE"))
            #expect(lines.contains("BEGIN:VALARM"))
            #expect(lines.contains("TRIGGER:PT0M"))
            #expect(lines.contains("TZID:Europe/London"))
            #expect(lines.contains { $0.hasPrefix("DTSTART;TZID=Europe/London:") && $0.hasSuffix("T213000") })
            #expect(lines.contains { $0.hasPrefix("DURATION:PT") }, "the routine's length")
        }
    }

    @Test("With --public-url, the page's feed address and every address in the feed use it, not the request's host")
    func publicURLInFeed() async throws {
        let publicURL = try PublicURL(parsing: "https://limber.home.arpa")
        try await TestApp.run(publicURL: publicURL) { client, store in
            _ = try await client.postForm("/reminders", Self.form)
            let path = try await newFeedAddress(client, store)
            let page = try await client.get("/reminders").text
            #expect(page.contains("https://limber.home.arpa\(path)"))
            #expect(page.contains("webcal://limber.home.arpa\(path)"))
            #expect(!page.contains("localhost"), "the request came to localhost; the page never says so")
            #expect(!page.contains("A phone cannot reach this address"))

            let lines = ICalendar.unfold(try await client.get(path).text).components(separatedBy: "\r\n")
            #expect(lines.contains("SOURCE;VALUE=URI:https://limber.home.arpa\(path)"))
            #expect(lines.contains("URL:https://limber.home.arpa/routines/bedtime-leg-cramps"))
            let addresses = lines.filter { $0.contains("://") }
            #expect(addresses.count == 2, "\(addresses)")
            #expect(addresses.allSatisfy { $0.contains("https://limber.home.arpa/") })
        }
    }

    @Test(
        "Without a public URL on loopback, the page says plainly that a phone cannot reach the feed, and how to fix it")
    func unreachableFeedIsExplained() async throws {
        try await TestApp.run { client, store in
            let before = try await client.get("/reminders").text
            #expect(before.contains("A phone cannot reach this address yet."), "said before an address is made")
            _ = try await newFeedAddress(client, store)
            let page = try await client.get("/reminders").text
            #expect(page.contains("A phone cannot reach this address yet."))
            #expect(page.contains("on a phone that name means the phone itself"))
            #expect(page.contains("--public-url http://192.168.1.20:8080"))
            // The address shown is still the one this browser used, which works on this computer.
            #expect(page.contains("http://localhost/calendar/"))
        }
    }

    @Test("Listening on every address without a public URL, the page says the phone would be turned away, and the fix")
    func everyAddressNeedsPublicURL() async throws {
        // A server every address reaches serves only signed-in people (and, for an admin, only
        // after a second factor; ana is not one).
        try await TestApp.run(host: "0.0.0.0") { client, store in
            try await SignInSupport.addAccount("ana", to: store)
            let page = try await client.signedIn(as: "ana").get("/reminders").text
            #expect(page.contains("A phone cannot reach this address yet."))
            #expect(page.contains("it has not been told the address a phone uses"))
            #expect(page.contains("--public-url http://192.168.1.20:8080"))
        }
        let publicURL = try PublicURL(parsing: "http://192.168.1.20:8080")
        try await TestApp.run(publicURL: publicURL, host: "0.0.0.0") { client, store in
            try await SignInSupport.addAccount("ana", to: store)
            let page = try await client.signedIn(as: "ana").get("/reminders").text
            #expect(!page.contains("A phone cannot reach this address"))
        }
    }

    @Test("A new address makes the old one 404, and turning the feed off 404s the last one")
    func revocation() async throws {
        try await TestApp.run { client, store in
            _ = try await client.postForm("/reminders", Self.form)
            let first = try await newFeedAddress(client, store)
            #expect(try await client.get(first).status == .ok)

            let second = try await newFeedAddress(client, store)
            #expect(second != first)
            #expect(try await client.get(first).status == .notFound)
            #expect(try await client.get(second).status == .ok)

            let off = try await client.postForm("/reminders/feed/off", "")
            #expect(off.status == .seeOther)
            let gone = try await client.get(second)
            #expect(gone.status == .notFound)
            #expect(gone.headers[.xContentTypeOptions] == "nosniff")
            #expect(try await store.calendarFeedToken(profile: .local) == nil)
            #expect(try await client.get("/reminders").text.contains("Make a calendar address"))
        }
    }

    @Test("An unknown secret, an empty one or the wrong extension is not found")
    func unknownFeed() async throws {
        try await TestApp.run { client, store in
            let path = try await newFeedAddress(client, store)
            let token = String(path.dropFirst("/calendar/".count).dropLast(4))
            #expect(token.count == 43, "32 random bytes in base64url without padding")
            for uri in [
                "/calendar/\(String(repeating: "A", count: 43)).ics", "/calendar/.ics", "/calendar/\(token).json",
                "/calendar/\(token)", "/calendar/\(token.dropLast()).ics",
            ] {
                #expect(try await client.get(uri).status == .notFound, "\(uri)")
            }
        }
    }

    @Test("Another site cannot make a new feed address or turn the feed off")
    func feedChangesAreSameOrigin() async throws {
        try await TestApp.run { client, store in
            let path = try await newFeedAddress(client, store)
            for uri in ["/reminders/feed/new", "/reminders/feed/off"] {
                let response = try await client.client.execute(
                    uri: uri, method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .origin: "http://evil.example"],
                    body: .init(string: ""))
                #expect(response.status == .forbidden)
            }
            #expect(try await client.get(path).status == .ok)
        }
    }
}
