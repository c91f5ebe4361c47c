import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Escaping what people type")
struct EscapingTests {
    static let script = "<script>alert(1)</script>"

    @Test("A diary note with a script tag shows as text on the diary page")
    func diaryNote() async throws {
        try await TestApp.run { client, _ in
            let created = try await client.post(
                "/api/v1/episodes",
                json: Fixture.episode([
                    "notes": Fixture.jsonString(Self.script), "relievedBy": Fixture.jsonString("<b>heat</b>"),
                ]))
            #expect(created.status == .created)
            let page = try await client.get("/diary?month=2026-11")
            #expect(page.status == .ok)
            #expect(page.text.contains("&lt;script&gt;alert(1)"))
            #expect(!page.text.contains("<script>alert(1)"))
            #expect(page.text.contains("&lt;b&gt;heat"))
            #expect(!page.text.contains("<b>heat"))

            let edit = try await client.get("/diary/\(Fixture.episodeID)/edit")
            #expect(edit.status == .ok)
            #expect(edit.text.contains("&lt;script&gt;alert(1)"))
            #expect(!edit.text.contains("<script>alert(1)"))
        }
    }

    @Test("A routine named with a script tag shows as text on the routines pages")
    func routineName() async throws {
        try await TestApp.run { client, _ in
            let created = try await client.post("/api/v1/routines", json: Fixture.routine(name: Self.script))
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"]?.string)
            for uri in ["/routines", "/routines/\(id)", "/routines/\(id)/edit", "/play?routine=\(id)"] {
                let page = try await client.get(uri)
                #expect(page.status == .ok, "\(uri)")
                #expect(page.text.contains("&lt;script&gt;alert(1)"), "\(uri)")
                #expect(!page.text.contains("<script>alert(1)"), "\(uri)")
            }
        }
    }
}
