import Foundation
import HummingbirdTesting
import LimberCore
import Testing

@Suite("Diary review API and the doctor notes on the diary page")
struct ReviewAPITests {
    /// Local noon, `weeksAgo` weeks before today, as the API's UTC date-time text.
    static func noon(weeksAgo weeks: Int) -> String {
        let calendar = Calendar.diaryWeeks(timeZone: .current)
        let noon = calendar.date(bySettingHour: 12, minute: 0, second: 0, of: Date())!
        return ISODate.string(calendar.date(byAdding: .day, value: -7 * weeks, to: noon)!)
    }

    /// Posts one episode through the API; `fields` replace the fixture's, as raw JSON.
    static func post(_ client: APIClient, _ fields: [String: String]) async throws {
        var fields = fields
        fields["id"] = Fixture.jsonString(UUID().uuidString.lowercased())
        fields["wokeFromSleep"] = fields["wokeFromSleep"] ?? "false"
        fields["triggers"] = fields["triggers"] ?? "[]"
        let response = try await client.post("/api/v1/episodes", json: Fixture.episode(fields))
        #expect(response.status == .created, "\(response.text)")
    }

    func review(_ client: APIClient) async throws -> [JSONValue] {
        let response = try await client.get("/api/v1/review")
        #expect(response.status == .ok)
        try await client.expectDocumented(response, "get", "/api/v1/review")
        return try response.json().array
    }

    @Test("An empty diary reviews to an empty list, and the diary page shows no doctor notes")
    func emptyDiary() async throws {
        try await TestApp.run { client, _ in
            #expect(try await review(client) == [])
            let page = try await client.get("/diary")
            #expect(!page.text.contains("id=\"finding-"))
            #expect(page.text.contains("Severity trend: not enough cramps to compare yet"))
        }
    }

    @Test("A cramp posted in each of five weeks in a row raises the see-a-doctor note in the API and on the diary")
    func fiveWeeksInARow() async throws {
        try await TestApp.run { client, _ in
            for weeks in 1...5 {
                try await Self.post(client, ["occurredAt": Fixture.jsonString(Self.noon(weeksAgo: weeks))])
            }
            let findings = try await review(client)
            #expect(findings.map { $0["ruleId"]?.string } == ["frequent-cramps"])
            let finding = try #require(findings.first)
            #expect(finding["level"]?.string == "see-doctor")
            #expect(finding["episodeIds"]?.array.count == 5)
            #expect(finding["isProjectDefault"]?.bool == true)
            #expect(finding["projectDefaultNote"]?.string?.hasPrefix("Project default") == true)
            #expect(finding["sources"]?.array.isEmpty == false)

            let page = try await client.get("/diary")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<div class="doctor-note" id="finding-frequent-cramps">"#))
            #expect(page.text.contains("See a doctor: Cramps week after week"))
            #expect(page.text.contains("You logged cramps in each of 5 weeks in a row."))
            #expect(page.text.contains("Mayo Clinic: Muscle cramp"))
            #expect(page.text.contains("This is not a diagnosis."))
            let note = try #require(page.text.range(of: "finding-frequent-cramps"))
            let form = try #require(page.text.range(of: "Log a cramp"))
            #expect(note.lowerBound < form.lowerBound, "the notes come at the top")
        }
    }

    @Test("A cramp longer than 10 minutes comes first, in an urgent box")
    func urgentFirst() async throws {
        try await TestApp.run { client, _ in
            try await Self.post(
                client, ["occurredAt": Fixture.jsonString(Self.noon(weeksAgo: 2)), "triggers": #"["walking"]"#])
            try await Self.post(
                client, ["occurredAt": Fixture.jsonString(Self.noon(weeksAgo: 1)), "durationSeconds": "601"])
            let findings = try await review(client)
            #expect(findings.map { $0["ruleId"]?.string } == ["long-cramp", "walking-cramps"])
            #expect(findings.map { $0["level"]?.string } == ["urgent", "see-doctor"])

            let page = try await client.get("/diary").text
            #expect(page.contains(#"<div class="doctor-note urgent" id="finding-long-cramp">"#))
            #expect(page.contains(#"<div class="doctor-note" id="finding-walking-cramps">"#))
            let urgent = try #require(page.range(of: "finding-long-cramp"))
            let walking = try #require(page.range(of: "finding-walking-cramps"))
            #expect(urgent.lowerBound < walking.lowerBound)
            let urgentBox = page[urgent.lowerBound..<walking.lowerBound]
            #expect(urgentBox.contains("NHS: Leg cramps"))
            #expect(!urgentBox.contains("Project default"), "10 minutes comes from the NHS, not from Limber")
            #expect(!urgentBox.contains(#"<p class="meta"></p>"#), "no empty line where a note would go")
        }
    }

    @Test("A cramp of exactly 10 minutes raises nothing")
    func tenMinutesExactly() async throws {
        try await TestApp.run { client, _ in
            try await Self.post(
                client, ["occurredAt": Fixture.jsonString(Self.noon(weeksAgo: 1)), "durationSeconds": "600"])
            #expect(try await review(client) == [])
        }
    }

    @Test("The diary form offers the walking trigger with a label that says it eases at rest")
    func walkingLabel() async throws {
        try await TestApp.run { client, _ in
            let page = try await client.get("/diary").text
            #expect(page.contains(#"value="walking""#))
            #expect(page.contains("while walking (eases at rest)"))
        }
    }
}
