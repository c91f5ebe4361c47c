import Foundation
import LimberCore
import LimberPostgres
import LimberStore
import Testing

@Suite(
    "PostgresStore migrates a database once, and leaves a newer one alone",
    .enabled(if: databaseURL != nil, "set LIMBER_TEST_POSTGRES=postgres://USER@HOST:PORT/DB to run against PostgreSQL"))
struct PostgresMigrationTests {
    @Test("Opening a database a second time applies nothing again and keeps every record")
    func reopeningKeepsRecords() async throws {
        let schemas = try FreshSchemas(url: try #require(databaseURL))
        let first = try await schemas.makeStore()
        let episode = Episode(
            occurredAt: Date(timeIntervalSince1970: 1_795_000_000), durationSeconds: 60,
            regions: ["calf"], severity: 4)
        _ = try await first.addEpisode(episode, profile: .local)

        let second = try await schemas.openAgain()

        #expect(try await second.episode(id: episode.id, profile: .local) != nil)
        await schemas.remove()
    }

    @Test("A database a newer Limber migrated is refused, naming the migration it does not know")
    func refusesANewerSchema() async throws {
        let schemas = try FreshSchemas(url: try #require(databaseURL))
        _ = try await schemas.makeStore()
        try await schemas.executeInLastSchema("INSERT INTO $schema.limber_migrations (name) VALUES ('v99-future')")

        await #expect {
            _ = try await schemas.openAgain()
        } throws: { error in
            guard case StoreError.newerSchema(_, let found) = error else { return false }
            return found.contains("v99-future")
        }
        await schemas.remove()
    }
}
