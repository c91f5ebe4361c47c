import ArgumentParser
import Foundation
import LimberCore
import LimberStore

/// Where the diary and session records are kept; shared by every command that reads or writes them.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: "The SQLite file to use (default: $LIMBER_DATABASE, else ~/.local/share/limber/limber.sqlite).")
    var path: String?

    /// Opens the store, creating the file and its private folder on first use.
    func openStore() throws -> (store: any Store, path: String) {
        try open { try SQLiteStore.open(path: $0) }
    }

    /// Opens the store for a command that only reads: as `openStore`, except that a file Limber
    /// may not change is still opened, read-only, instead of refused.
    func openStoreForReading() throws -> (store: any Store, path: String) {
        try open { path in
            do {
                return try SQLiteStore.open(path: path)
            } catch StoreError.readOnly(_, isOlder: false) {
                return try SQLiteStore.openForReading(path: path)
            }
        }
    }

    private func open(_ openFile: (String) throws -> SQLiteStore) throws -> (store: any Store, path: String) {
        do {
            let resolved = try DatabaseLocation.resolve(
                explicit: path, environment: ProcessInfo.processInfo.environment)
            return (try openFile(resolved), resolved)
        } catch let error as StoreError {
            throw EnvironmentError(error.description)
        } catch let error as EnvironmentError {
            throw error
        } catch {
            throw EnvironmentError("database: \(error.localizedDescription)")
        }
    }
}

/// Something wrong with the machine rather than the input: a file Limber must not touch, a
/// folder it cannot create. One line on stderr, exit code 1.
struct EnvironmentError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension StoreOptions {
    /// Whose records every command reads and writes. The CLI acts for the local profile, the one
    /// `limber serve` shows to anyone on this machine; this is the one place that says so, so
    /// accounts can change it without touching a command.
    var person: ProfileID { .local }

    /// The store only when its file already exists: commands that only read stay fast and never
    /// create a database just to find it empty.
    func openExistingStore() throws -> (any Store)? {
        let environment = ProcessInfo.processInfo.environment
        guard DatabaseLocation.existingFile(explicit: path, environment: environment) != nil else { return nil }
        return try openStore().store
    }

    /// The person's own doses by exercise id, or none when there is no database yet.
    func existingPersonalDoses() async throws -> [String: DoseOverride] {
        guard let store = try openExistingStore() else { return [:] }
        return try await store.personalDoseOverrides(profile: person)
    }

    /// The health conditions the person saved with `limber profile`, or none without a database.
    func existingConditions() async throws -> Set<Condition> {
        guard let store = try openExistingStore() else { return [] }
        return Set(try await store.conditions(profile: person) ?? [])
    }

    /// Every routine the person can play: Limber's own and those they made, on the web or here.
    func existingLibrary(catalog: Catalog) throws -> RoutineLibrary {
        RoutineLibrary(catalog: catalog, store: try openExistingStore(), profile: person)
    }

    /// The zone the person chose with `limber profile --time-zone` (or on the web), else this
    /// machine's: it decides which day a typed date is, and how the diary's weeks are counted.
    func timeZone(in store: (any Store)?) async throws -> TimeZone {
        try await store?.timeZone(profile: person).flatMap(TimeZone.init(identifier:)) ?? .current
    }

    /// As `timeZone(in:)`, without creating a database to find it.
    func existingTimeZone() async throws -> TimeZone {
        try await timeZone(in: try openExistingStore())
    }
}

extension RoutineLibrary {
    /// The routine `id` names as the person plays it, or the one-line error that lists the ids.
    func playable(_ id: String, conditions: Set<Condition>) async throws -> ConditionFitter.Fitted {
        do {
            guard let fitted = try await routine(id: id, conditions: conditions) else {
                throw PlanningError.unknownRoutine(id, known: try await knownIDs())
            }
            return fitted
        } catch let error as PlanningError {
            throw UserError(error)
        }
    }
}
