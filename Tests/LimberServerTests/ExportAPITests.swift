import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Export API")
struct ExportAPITests {
    @Test("The JSON export is a limber-diary file with every episode and session")
    func jsonExport() async throws {
        try await TestApp.run { client, _ in
            _ = try await client.post("/api/v1/episodes", json: Fixture.episode())
            _ = try await client.post("/api/v1/sessions", json: Fixture.session())
            let response = try await client.get("/api/v1/export?format=json")
            #expect(response.status == .ok)
            #expect(response.mediaType == "application/json")
            #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
            try await client.expectDocumented(response, "get", "/api/v1/export")
            let export = try response.json()
            #expect(export["format"]?.string == "limber-diary")
            #expect(export["version"]?.int == 1)
            let ids = export.array(at: "episodes").compactMap { $0["id"]?.string?.lowercased() }
            #expect(ids == [Fixture.episodeID])
            #expect(export.array(at: "sessions").count == 1)

            let byDefault = try await client.get("/api/v1/export")
            #expect(try byDefault.json()["format"]?.string == "limber-diary")
        }
    }

    @Test("The CSV export starts with a header line and has a row per record")
    func csvExport() async throws {
        try await TestApp.run { client, _ in
            _ = try await client.post("/api/v1/episodes", json: Fixture.episode())
            let response = try await client.get("/api/v1/export?format=csv")
            #expect(response.status == .ok)
            #expect(response.mediaType == "text/csv")
            #expect(response.headers[.contentDisposition]?.contains("limber-diary.csv") == true)
            try await client.expectDocumented(response, "get", "/api/v1/export")
            let lines = response.text.split(separator: "\r\n").map(String.init)
            #expect(lines.first?.hasPrefix("type,id,start,end,duration_seconds,regions") == true)
            #expect(lines.count == 2)
            #expect(lines.last?.lowercased().hasPrefix("episode,\(Fixture.episodeID)") == true)
        }
    }

    @Test("An export format other than json or csv is refused naming format")
    func unknownFormat() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/export?format=xml")
            #expect(response.status == .badRequest)
            #expect(response.problemField == "format")
            try await client.expectDocumented(response, "get", "/api/v1/export")
        }
    }
}
