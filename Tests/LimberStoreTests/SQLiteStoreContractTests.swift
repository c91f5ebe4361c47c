import Foundation
import LimberStore
import StoreContractSupport
import Testing

/// The two ways the app opens SQLite: a private in-memory database (tests, previews) and a file
/// in WAL mode (the CLI and the server). Both must keep the whole contract.
enum SQLiteBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inMemory
    case file

    var testDescription: String { self == .inMemory ? "in memory" : "in a file" }

    func check(_ body: (StoreContract) async throws -> Void) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let contract = StoreContract { [self] in
            switch self {
            case .inMemory: try SQLiteStore.inMemory()
            case .file: try SQLiteStore.open(path: folder.path("limber-\(UUID().uuidString).sqlite"))
            }
        }
        try await body(contract)
    }
}

@Suite("SQLiteStore keeps the Store contract")
struct SQLiteStoreContractTests {
    @Test(
        "Every check of the Store contract, in memory and in a file", arguments: SQLiteBackend.allCases,
        ContractCheck.all)
    func keepsTheContract(_ backend: SQLiteBackend, _ check: ContractCheck) async throws {
        try await backend.check(check.run)
    }
}
