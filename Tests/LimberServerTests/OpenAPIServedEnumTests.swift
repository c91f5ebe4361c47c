import Foundation
import Hummingbird
import HummingbirdTesting
import LimberCore
import LimberServer
import LimberStore
import Testing

@Suite("The served document's ids")
struct OpenAPIServedEnumTests {
    /// The bundled catalog plus a region and an exercise of a user's own, as `limber serve --catalog FILE` loads them.
    static func extendedCatalog() throws -> Catalog {
        let bundled = try CatalogLoader.decode(try CatalogLoader.bundledData(), name: "catalog.json")
        var region = bundled.regions[0]
        region.id = "my-toes"
        var exercise = bundled.exercises[0]
        exercise.id = "my-toe-curl"
        return try CatalogLoader.merge([
            ("catalog.json", bundled), ("mine.json", CatalogFile(regions: [region], exercises: [exercise])),
        ])
    }

    @Test("RegionId, ExerciseId and BuiltInRoutineId list exactly the loaded catalog's ids, a user's own included")
    func servedEnumsAreTheCatalogs() async throws {
        let catalog = try Self.extendedCatalog()
        let router = try await buildRouter(
            ServerConfiguration(catalog: catalog, store: try SQLiteStore.inMemory(), signIn: .forTests))
        try await Application(router: router).test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            let schemas = try #require(try response.json()["components"]?["schemas"])
            func ids(_ name: String) -> [String] { schemas[name]?["enum"]?.array.compactMap(\.string) ?? [] }
            #expect(ids("RegionId") == catalog.regions.map(\.id))
            #expect(ids("ExerciseId") == catalog.exercises.map(\.id))
            #expect(ids("BuiltInRoutineId") == catalog.routines.map(\.id))
            #expect(ids("RegionId").contains("my-toes"))
            #expect(ids("ExerciseId").contains("my-toe-curl"))
        }
    }

    @Test("A reminder in every time zone the document lists is accepted")
    func listedTimeZonesAreAccepted() async throws {
        try await TestApp.run { client, _ in
            let document = try await client.openAPI()
            let zones =
                document.root["components"]?["schemas"]?["TimeZoneId"]?["enum"]?.array.compactMap(\.string) ?? []
            #expect(zones.count > 100)
            #expect(zones.contains("Europe/London") && zones.contains("UTC"))
            for zone in zones {
                #expect((try? ReminderRules.checkTimeZone(zone)) != nil, "\(zone)")
            }
        }
    }
}
