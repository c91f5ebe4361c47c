import Foundation
import LimberStore
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
    @Test("An added episode reads back with every field as it was given", arguments: SQLiteBackend.allCases)
    func addedEpisodeReadsBackExactly(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.addedEpisodeReadsBackExactly() }
    }

    @Test("Adding an episode again with the same id keeps the first copy only", arguments: SQLiteBackend.allCases)
    func addingAnEpisodeTwiceKeepsTheFirst(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.addingAnEpisodeTwiceKeepsTheFirst() }
    }

    @Test("Updating an episode replaces every field", arguments: SQLiteBackend.allCases)
    func updateReplacesEveryField(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.updateReplacesEveryField() }
    }

    @Test("Updating an episode that is not there returns nil and adds nothing", arguments: SQLiteBackend.allCases)
    func updatingAMissingEpisodeReturnsNilAndAddsNothing(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.updatingAMissingEpisodeReturnsNilAndAddsNothing() }
    }

    @Test("Episodes list newest first", arguments: SQLiteBackend.allCases)
    func episodesListNewestFirst(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.episodesListNewestFirst() }
    }

    @Test("Listing since a time keeps episodes at or after it", arguments: SQLiteBackend.allCases)
    func sinceKeepsEpisodesAtOrAfterIt(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.sinceKeepsEpisodesAtOrAfterIt() }
    }

    @Test("Listing by region keeps episodes that name that whole region", arguments: SQLiteBackend.allCases)
    func regionKeepsEpisodesThatNameIt(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.regionKeepsEpisodesThatNameIt() }
    }

    @Test("Deleting an episode says whether there was one to delete", arguments: SQLiteBackend.allCases)
    func deletingAnEpisodeSaysWhetherItWasThere(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.deletingAnEpisodeSaysWhetherItWasThere() }
    }

    @Test("A severity above 10 is refused and nothing is stored", arguments: SQLiteBackend.allCases)
    func anOutOfRangeSeverityNeverReachesTheStore(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.anOutOfRangeSeverityNeverReachesTheStore() }
    }

    @Test("A session reads back with its ratings and pain scores", arguments: SQLiteBackend.allCases)
    func addedSessionReadsBackExactly(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.addedSessionReadsBackExactly() }
    }

    @Test("Ratings given after a session was saved replace that record, not add one", arguments: SQLiteBackend.allCases)
    func updateAddsRatingsToASavedSession(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.updateAddsRatingsToASavedSession() }
    }

    @Test("Updating a session that is not there returns nil and adds nothing", arguments: SQLiteBackend.allCases)
    func updatingAMissingSessionReturnsNilAndAddsNothing(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.updatingAMissingSessionReturnsNilAndAddsNothing() }
    }

    @Test("Adding a session again with the same id keeps the first copy only", arguments: SQLiteBackend.allCases)
    func addingASessionTwiceKeepsTheFirst(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.addingASessionTwiceKeepsTheFirst() }
    }

    @Test("Sessions list newest first, from a given time on", arguments: SQLiteBackend.allCases)
    func sessionsListNewestFirstFromSince(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.sessionsListNewestFirstFromSince() }
    }

    @Test("Deleting a session says whether there was one to delete", arguments: SQLiteBackend.allCases)
    func deletingASessionSaysWhetherItWasThere(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.deletingASessionSaysWhetherItWasThere() }
    }

    @Test("One profile never sees, changes or deletes another's records", arguments: SQLiteBackend.allCases)
    func profilesNeverSeeEachOthersRecords(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.profilesNeverSeeEachOthersRecords() }
    }

    @Test("An import adds only missing records, and repeating it adds none", arguments: SQLiteBackend.allCases)
    func importAddsOnlyMissingRecordsAndRepeatsAsANoOp(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.importAddsOnlyMissingRecordsAndRepeatsAsANoOp() }
    }

    @Test("An import with one bad record adds nothing at all", arguments: SQLiteBackend.allCases)
    func importIsAllOrNothing(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.importIsAllOrNothing() }
    }

    @Test("An import into a new profile lands in that profile only", arguments: SQLiteBackend.allCases)
    func importIntoANewProfileStaysInThatProfile(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.importIntoANewProfileStaysInThatProfile() }
    }

    @Test("A custom routine reads back with every field as it was saved", arguments: SQLiteBackend.allCases)
    func customRoutineReadsBackExactly(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.customRoutineReadsBackExactly() }
    }

    @Test("A custom routine that was never saved is nil, and a new profile has none", arguments: SQLiteBackend.allCases)
    func aMissingCustomRoutineIsNil(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.aMissingCustomRoutineIsNil() }
    }

    @Test("Custom routines list in the order they were first saved", arguments: SQLiteBackend.allCases)
    func customRoutinesListInTheOrderFirstSaved(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.customRoutinesListInTheOrderFirstSaved() }
    }

    @Test("Saving a custom routine again replaces it and keeps its place", arguments: SQLiteBackend.allCases)
    func replacingACustomRoutineKeepsItsPlace(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.replacingACustomRoutineKeepsItsPlace() }
    }

    @Test("Deleting a custom routine says whether there was one to delete", arguments: SQLiteBackend.allCases)
    func deletingACustomRoutineSaysWhetherItWasThere(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.deletingACustomRoutineSaysWhetherItWasThere() }
    }

    @Test("One profile never sees, replaces or deletes another's custom routines", arguments: SQLiteBackend.allCases)
    func profilesNeverSeeEachOthersCustomRoutines(_ backend: SQLiteBackend) async throws {
        try await backend.check { try await $0.profilesNeverSeeEachOthersCustomRoutines() }
    }
}
