import Foundation
import LimberPostgres
import LimberStore
import PostgresNIO
import StoreContractSupport
import Testing

/// The database the PostgreSQL tests use, such as `postgres://limber@127.0.0.1:55432/limber_test`;
/// `.ci/run` starts a throwaway server and sets it, so CI never skips these tests.
let databaseURL = ProcessInfo.processInfo.environment["LIMBER_TEST_POSTGRES"]

// Skipped, not failed, without a server, so that `swift test` passes for a developer who has no
// PostgreSQL; Swift Testing names the condition's comment as the reason in the report.
@Suite(
    "PostgresStore keeps the Store contract",
    .enabled(if: databaseURL != nil, "set LIMBER_TEST_POSTGRES=postgres://USER@HOST:PORT/DB to run against PostgreSQL"),
    // One check at a time: each opens its own pool, and all of them at once could pass the
    // server's connection limit.
    .serialized)
struct PostgresStoreContractTests {
    @Test("Every check of the Store contract, on PostgreSQL", arguments: ContractCheck.all)
    func keepsTheContract(_ check: ContractCheck) async throws {
        let schemas = try await FreshSchemas(url: try #require(databaseURL))
        do {
            try await check.run(StoreContract { try await schemas.makeStore() })
        } catch {
            await schemas.remove()
            throw error
        }
        await schemas.remove()
    }
}

/// Empty schemas, one per store a check makes, each seen through a `search_path` so that the
/// store's tables land there; `remove()` closes the stores and drops the schemas.
actor FreshSchemas {
    private let configuration: PostgresClient.Configuration
    private var opened: [(schema: String, store: PostgresStore)] = []

    init(url: String) throws {
        configuration = try PostgresStore.configuration(url: url)
    }

    func makeStore() async throws -> PostgresStore {
        let schema = "contract_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await administer("CREATE SCHEMA \(schema)")
        return try await open(schema: schema)
    }

    /// Another store on the schema of the last one made, as a second process would open it.
    func openAgain() async throws -> PostgresStore {
        try await open(schema: try #require(opened.last?.schema))
    }

    /// Runs `sql` after putting the last store's schema in for `$schema`.
    func executeInLastSchema(_ sql: String) async throws {
        let schema = try #require(opened.last?.schema)
        try await administer(sql.replacingOccurrences(of: "$schema", with: schema))
    }

    private func open(schema: String) async throws -> PostgresStore {
        var scoped = configuration
        scoped.options.additionalStartupParameters = [("search_path", schema)]
        scoped.options.maximumConnections = 4
        let store = try await PostgresStore.open(configuration: scoped)
        opened.append((schema, store))
        return store
    }

    func remove() async {
        for (schema, store) in opened {
            await store.close()
            try? await administer("DROP SCHEMA \(schema) CASCADE")
        }
        opened = []
    }

    /// Runs one statement on a short-lived client of its own.
    func administer(_ sql: String) async throws {
        let client = PostgresClient(configuration: configuration)
        let running = Task { await client.run() }
        do {
            try await client.query(PostgresQuery(unsafeSQL: sql))
        } catch {
            running.cancel()
            await running.value
            throw error
        }
        running.cancel()
        await running.value
    }
}
