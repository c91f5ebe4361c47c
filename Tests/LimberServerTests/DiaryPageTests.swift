import Foundation
import HummingbirdTesting
import Testing

/// The diary form as a person on a phone meets it: a refused entry says why at the top of the
/// first screen and again beside the field, and deleting an entry asks first.
@Suite struct DiaryPageTests {
    /// One refused field of the form: what was posted and the input that must carry the message.
    struct Refusal: CustomTestStringConvertible, Sendable {
        var form: String
        var inputID: String
        var testDescription: String { inputID }
    }

    static let refusals: [Refusal] = [
        Refusal(form: "region=&severity=5&duration=90s", inputID: "region"),
        Refusal(form: "region=elbow-of-nowhere&severity=5&duration=90s", inputID: "region"),
        Refusal(form: "region=calf&side=middle&severity=5&duration=90s", inputID: "side"),
        Refusal(form: "region=calf&severity=&duration=90s", inputID: "severity"),
        Refusal(form: "region=calf&severity=5&duration=forever", inputID: "duration"),
        Refusal(form: "region=calf&severity=5&duration=90s&at=2026-02-30T10%3A00", inputID: "at"),
        Refusal(form: "region=calf&severity=5&duration=90s&triggers%5B%5D=moonlight", inputID: "triggers"),
        Refusal(
            form: "region=calf&severity=5&duration=90s&relievedBy=" + String(repeating: "a", count: 2_001),
            inputID: "relievedBy"),
        Refusal(
            form: "region=calf&severity=5&duration=90s&notes=" + String(repeating: "a", count: 2_001),
            inputID: "notes"),
    ]

    @Test(
        "A refused cramp answers 400 with one alert right under the heading, links it to the field, and saves nothing")
    func refusedEntrySaysSoAtTheTop() async throws {
        try await TestApp.run { client, _ in
            let page = try await client.postForm(
                "/diary",
                "region=calf&side=left&severity=11&duration=2m&triggers%5B%5D=night&woke=on"
                    + "&relievedBy=Rubbing+it&notes=Woke+at+3am")
            #expect(page.status == .badRequest)
            let html = page.text
            #expect(html.components(separatedBy: #"role="alert""#).count == 2, "exactly one alert")
            // Directly under the heading, before the doctor's notes and the form, so a phone shows it
            // without scrolling.
            let afterHeading = try #require(html.range(of: "<h1>Cramp diary</h1>")).upperBound
            #expect(
                html[afterHeading...].trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix(
                    #"<p class="error" role="alert""#))
            let alert = try #require(Self.element(id: "form-error", in: html))
            #expect(alert.contains("Not saved."))
            #expect(
                alert.contains(##"<a href="#severity">How bad</a>: You typed “11”. Use a whole number from 0 to 10."##))
            #expect(try await client.episodes().isEmpty)
        }
    }

    @Test("A refused cramp shows the same words beside the field, marks only that field, and keeps what was typed")
    func refusedEntrySaysSoBesideTheField() async throws {
        try await TestApp.run { client, _ in
            let html = try await client.postForm(
                "/diary",
                "region=calf&side=left&severity=11&duration=2m&at=2026-11-20T23%3A10&triggers%5B%5D=night&woke=on"
                    + "&relievedBy=Rubbing+it&notes=Woke+at+3am"
            ).text
            let input = try #require(Self.openingTag(id: "severity", in: html))
            #expect(input.contains(#"aria-invalid="true""#))
            #expect(input.contains(#"aria-describedby="severity-error""#))
            #expect(html.components(separatedBy: #"aria-invalid="true""#).count == 2, "only the refused field")
            #expect(
                Self.element(id: "severity-error", in: html)
                    == #"<p class="field-error" id="severity-error">You typed “11”. Use a whole number from 0 to 10.</p>"#
            )
            // Beside the field means between its label and its input, where the eye already is.
            let label = try #require(html.range(of: #"<label for="severity">"#)).lowerBound
            let message = try #require(html.range(of: #"id="severity-error""#)).lowerBound
            let field = try #require(html.range(of: #"<input id="severity""#)).lowerBound
            #expect(label < message && message < field)

            #expect(input.contains(#"value="11""#))
            #expect(Self.openingTag(id: "duration", in: html)?.contains(#"value="2m""#) == true)
            #expect(Self.openingTag(id: "at", in: html)?.contains(#"value="2026-11-20T23:10""#) == true)
            #expect(Self.openingTag(id: "relievedBy", in: html)?.contains(#"value="Rubbing it""#) == true)
            #expect(html.contains(#"<option value="calf" selected>"#))
            #expect(html.contains(#"name="side" value="left" checked"#))
            #expect(html.contains(#"name="triggers[]" value="night" checked"#))
            #expect(html.contains(#"name="woke" checked"#))
            #expect(html.contains(">Woke at 3am</textarea>"))
        }
    }

    @Test("Each refused field of the form carries the message that the top line gives", arguments: refusals)
    func everyFieldIsNamed(_ refusal: Refusal) async throws {
        try await TestApp.run { client, _ in
            let page = try await client.postForm("/diary", refusal.form)
            #expect(page.status == .badRequest)
            let html = page.text
            let id = refusal.inputID
            let alert = try #require(Self.element(id: "form-error", in: html))
            #expect(alert.contains(##"<a href="#\##(id)">"##), "\(alert)")
            let field = try #require(Self.openingTag(id: id, in: html), "no element with id \(id)")
            #expect(field.contains(#"aria-describedby="\#(id)-error""#), "\(field)")
            let beside = try #require(Self.element(id: "\(id)-error", in: html))
            let besideText = Self.text(of: beside)
            #expect(!besideText.isEmpty)
            #expect(alert.hasSuffix(": " + besideText + "</p>"), "\(alert) / \(besideText)")
            // No internal field name or list of identifiers reaches the person.
            #expect(!alert.contains("relievedBy:") && !alert.contains("use one of"), "\(alert)")
            // The choices are picked, not typed; only the text fields say "You typed".
            if ["region", "side", "triggers"].contains(id) { #expect(!alert.contains("You typed"), "\(alert)") }
            #expect(try await client.episodes().isEmpty)
        }
    }

    @Test("A time the date picker gave that is in the future or before 2000 is explained in dates a person reads")
    func refusedTimeInPlainDates() async throws {
        try await TestApp.run { client, _ in
            let future = try await client.postForm(
                "/diary", "region=calf&severity=5&duration=90s&at=2999-01-05T10%3A00")
            let soon = try #require(Self.element(id: "at-error", in: future.text))
            #expect(soon.contains("5 Jan 2999, 10:00 has not happened yet. Give the time it started, up to now ("))
            #expect(!soon.contains("2999-01-05T10:00") && !soon.contains("clocks"), "\(soon)")

            let old = try await client.postForm("/diary", "region=calf&severity=5&duration=90s&at=1999-03-03T10%3A00")
            let long = try #require(Self.element(id: "at-error", in: old.text))
            #expect(long.contains("3 Mar 1999, 10:00 is too long ago. Give a time from "), "\(long)")
            #expect(try await client.episodes().isEmpty)
        }
    }

    @Test("A refused change shows the reason under the heading and beside the field, and the entry stays as it was")
    func refusedChange() async throws {
        try await TestApp.run { client, _ in
            _ = try await client.post("/api/v1/episodes", json: Fixture.episode())
            let page = try await client.postForm(
                "/diary/\(Fixture.episodeID)/edit", "region=foot&side=right&severity=2&duration=a+while")
            #expect(page.status == .badRequest)
            let html = page.text
            let afterHeading = try #require(html.range(of: "<h1>Change a diary entry</h1>")).upperBound
            #expect(
                html[afterHeading...].trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix(
                    #"<p class="error" role="alert""#))
            #expect(Self.openingTag(id: "duration", in: html)?.contains(#"aria-describedby="duration-error""#) == true)
            #expect(Self.openingTag(id: "duration", in: html)?.contains(#"value="a while""#) == true)
            #expect(html.contains(#"<option value="foot" selected>"#))
            let stored = try await client.json("/api/v1/episodes/\(Fixture.episodeID)")
            #expect(stored["regions"] == .array([.string("calf")]))
            #expect(stored["severity"]?.int == 6)
        }
    }

    @Test("Deleting a cramp asks first, naming it; only the question's Delete button deletes it")
    func deletingAsksFirst() async throws {
        try await TestApp.run { client, _ in
            _ = try await client.post("/api/v1/episodes", json: Fixture.episode())
            let diary = try await client.get("/diary?month=2026-11")
            #expect(diary.text.contains(#"<form method="post" action="/diary/\#(Fixture.episodeID)/delete">"#))

            let question = try await client.postForm("/diary/\(Fixture.episodeID)/delete", "")
            #expect(question.status == .ok)
            #expect(question.text.contains("<h1>Delete the cramp from "), "\(question.text)")
            #expect(question.text.contains("severity 6/10"))
            #expect(
                question.text.contains(
                    ##"<a class="button primary" href="/diary#entry-\##(Fixture.episodeID)">Keep it</a>"##))
            #expect(question.text.contains(#"<input type="hidden" name="confirm" value="yes">"#))
            #expect(try await client.episodes().count == 1, "asking deletes nothing")

            let notConfirmed = try await client.postForm("/diary/\(Fixture.episodeID)/delete", "confirm=no")
            #expect(notConfirmed.status == .ok)
            #expect(try await client.episodes().count == 1)

            let confirmed = try await client.postForm("/diary/\(Fixture.episodeID)/delete", "confirm=yes")
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers[.location] == "/diary?deleted=1")
            #expect(try await client.episodes().isEmpty)
            #expect(
                try await client.get("/diary?deleted=1").text.contains(#"<p class="notice" role="status">Deleted.</p>"#)
            )

            // A second tap that arrives after the first has deleted lands on the diary too.
            let again = try await client.postForm("/diary/\(Fixture.episodeID)/delete", "confirm=yes")
            #expect(again.status == .seeOther)
            #expect(again.headers[.location] == "/diary?deleted=1")
            // Asking about an entry that is not there is still "not found".
            #expect(try await client.postForm("/diary/\(Fixture.episodeID)/delete", "").status == .notFound)
        }
    }

    @Test("An entry with nothing noted for what eased it shows no empty \"Eased by:\" line")
    func noEmptyLines() async throws {
        try await TestApp.run { client, _ in
            _ = try await client.post(
                "/api/v1/episodes",
                json: Fixture.episode(["wokeFromSleep": "false", "triggers": "[]"], removing: ["notes"]))
            let diary = try await client.get("/diary?month=2026-11").text
            #expect(diary.contains("severity 6/10"))
            #expect(!diary.contains("Eased by:"))
            #expect(!diary.contains(#"<p class="note"></p>"#) && !diary.contains(#"<p class="meta"></p>"#))
            let question = try await client.postForm("/diary/\(Fixture.episodeID)/delete", "").text
            #expect(!question.contains("Eased by:"))
        }
    }

    // MARK: - Reading the page

    /// The opening tag of the element whose `id` is `id`, such as `<input id="severity" ...>`.
    static func openingTag(id: String, in html: String) -> String? {
        guard let attribute = html.range(of: #" id="\#(id)""#),
            let start = html[..<attribute.lowerBound].lastIndex(of: "<"),
            let end = html[attribute.upperBound...].firstIndex(of: ">")
        else { return nil }
        return String(html[start...end])
    }

    /// A `<p>` element with its content, by `id`.
    static func element(id: String, in html: String) -> String? {
        guard let tag = openingTag(id: id, in: html), let start = html.range(of: tag),
            let end = html[start.upperBound...].range(of: "</p>")
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// An element's content between its opening tag and `</p>`.
    static func text(of element: String) -> String {
        guard let open = element.firstIndex(of: ">"), let close = element.range(of: "</p>", options: .backwards)
        else { return "" }
        return String(element[element.index(after: open)..<close.lowerBound])
    }
}
