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
        return try await store.personalDoseOverrides(profile: .local)
    }
}

extension StoreOptions {
    /// The health conditions the person saved with `limber profile`, or none without a database.
    func existingConditions() async throws -> Set<Condition> {
        guard let store = try openExistingStore() else { return [] }
        return Set(try await store.conditions(profile: .local) ?? [])
    }
}
