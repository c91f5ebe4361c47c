import ArgumentParser
import ConcurrencyExtras
import Foundation
import LimberCore
import LimberPostgres
import LimberStore

/// Where the diary and session records are kept; shared by every command that reads or writes them.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help:
            "The SQLite file to use, or a postgres://USER@HOST:PORT/DB address (default: $LIMBER_DATABASE, else ~/.local/share/limber/limber.sqlite)."
    )
    var path: String?

    @Option(
        name: .customLong("user"),
        help: ArgumentHelp(
            "Whose records to use, once the database has accounts (default: $LIMBER_USER).", valueName: "name"))
    var user: String?

    /// Opens the store, creating the file and its private folder on first use; a
    /// `postgres://USER@HOST:PORT/DB` address opens that PostgreSQL database instead.
    func openStore() async throws -> (store: any Store, path: String) {
        if let address = postgresAddress { return (try await openPostgres(address), Self.shown(address)) }
        return try open { try SQLiteStore.open(path: $0) }
    }

    /// Opens the store for a command that only reads: as `openStore`, except that a file Limber
    /// may not change is still opened, read-only, instead of refused.
    func openStoreForReading() async throws -> (store: any Store, path: String) {
        if let address = postgresAddress { return (try await openPostgres(address), Self.shown(address)) }
        return try open { path in
            do {
                return try SQLiteStore.open(path: path)
            } catch StoreError.readOnly(_, isOlder: false) {
                return try SQLiteStore.openForReading(path: path)
            }
        }
    }

    /// The PostgreSQL address `--database` or `LIMBER_DATABASE` gives, if it is one.
    var postgresAddress: String? {
        DatabaseLocation.postgresAddress(explicit: path, environment: ProcessInfo.processInfo.environment)
    }

    /// How long a command waits for PostgreSQL to answer: the pool retries a server that does not
    /// answer for about a minute, and a person at a prompt should hear much sooner. A project default.
    static let postgresAnswersWithin = Duration.seconds(15)

    /// The PostgreSQL stores this process opened, by address. A command asks for its database in
    /// several steps (conditions, doses, routines, the zone, then the write); PostgreSQL is opened
    /// once, one connection pool and one migration check, not one per step. SQLite files are
    /// opened each time: that costs little, and a store let go closes its file, which folds the
    /// `-wal` and `-shm` files back in before the process ends.
    private static let openedPostgres = LockIsolated([String: any Store]())

    private func openPostgres(_ address: String) async throws -> any Store {
        if let known = Self.openedPostgres.value[address] { return known }
        let store = try await connectPostgres(address)
        Self.openedPostgres.withValue { $0[address] = store }
        return store
    }

    private func connectPostgres(_ address: String) async throws -> any Store {
        try await Self.answering(address) { try await PostgresStore.open(url: address) }
    }

    /// Runs the first thing asked of PostgreSQL at `address` (connecting, migrating) within
    /// `postgresAnswersWithin`, and turns what can go wrong into one line a person can act on.
    static func answering<T: Sendable>(
        _ address: String, _ body: @escaping @Sendable () async throws -> T
    )
        async throws -> T
    {
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: Self.postgresAnswersWithin)
                    return nil
                }
                defer { group.cancelAll() }
                guard let answer = try await group.next() ?? nil else {
                    throw EnvironmentError(
                        "database: PostgreSQL at \(Self.shown(address)) did not answer within "
                            + "\(Self.postgresAnswersWithin.components.seconds) s; check that it is running there, "
                            + "that the database exists and that the user may connect")
                }
                return answer
            }
        } catch let error as EnvironmentError {
            throw error
        } catch let error as PostgresStoreError {
            throw EnvironmentError(error.description)
        } catch let error as StoreError {
            throw EnvironmentError(error.description)
        } catch {
            // PostgresNIO's own descriptions are generic by design (they may hold secrets); say
            // what a person can check instead.
            throw EnvironmentError(
                "database: cannot connect to \(Self.shown(address)); check that PostgreSQL is running there, "
                    + "that the database exists and that the user may connect")
        }
    }

    /// The address as logs and errors show it: without a password.
    static func shown(_ address: String) -> String {
        guard let parts = URLComponents(string: address), let password = parts.percentEncodedPassword else {
            return address
        }
        return address.replacingOccurrences(of: ":" + password + "@", with: ":***@")
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
    /// Whose records every command reads and writes: with no accounts, the local profile, the
    /// one `limber serve` shows on this machine; once there are accounts, the one `--user` (or
    /// `LIMBER_USER`) names, and a command without it says which names there are rather than
    /// guess. Worked out once per process; this is the one place that decides it.
    var person: ProfileID {
        get async throws {
            let key = (postgresAddress ?? path ?? "") + "\u{0}" + (chosenUser ?? "")
            if let known = Self.resolvedPeople.value[key] { return known }
            let person = try await resolvePerson()
            Self.resolvedPeople.withValue { $0[key] = person }
            return person
        }
    }

    private static let resolvedPeople = LockIsolated([String: ProfileID]())

    /// `--user`, else `LIMBER_USER`.
    var chosenUser: String? {
        user ?? ProcessInfo.processInfo.environment["LIMBER_USER"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private var userField: String { user != nil ? "--user" : "LIMBER_USER" }

    private func resolvePerson() async throws -> ProfileID {
        // Read-only, so that a file this person may only read still shows its history.
        let environment = ProcessInfo.processInfo.environment
        let exists =
            postgresAddress != nil || DatabaseLocation.existingFile(explicit: path, environment: environment) != nil
        let store = exists ? try await openStoreForReading().store : nil
        guard let store, try await store.hasAccounts() else {
            if let chosen = chosenUser {
                throw UserError(
                    FieldError(
                        field: userField, value: chosen,
                        accepted: "this database has no accounts, so every command uses its one diary; "
                            + "leave it out, or add an account first with `limber users add NAME --admin`"
                    ).description)
            }
            return .local
        }
        let names = try await store.accounts().map(\.name)
        let listed = names.joined(separator: ", ")
        guard let chosen = chosenUser else {
            throw UserError(
                FieldError(
                    field: "--user", value: "",
                    accepted: "this database has accounts, so say whose records to use with --user NAME "
                        + "or LIMBER_USER (accounts: \(listed))"
                ).description)
        }
        guard let account = try await store.account(named: chosen.trimmingCharacters(in: .whitespaces).lowercased())
        else {
            throw UserError(FieldError(field: userField, value: chosen, accepted: "use one of: \(listed)").description)
        }
        return account.profile
    }

    /// The store only when its file already exists: commands that only read stay fast and never
    /// create a database just to find it empty.
    func openExistingStore() async throws -> (any Store)? {
        // A database server is always there.
        if postgresAddress != nil { return try await openStore().store }
        let environment = ProcessInfo.processInfo.environment
        guard DatabaseLocation.existingFile(explicit: path, environment: environment) != nil else { return nil }
        return try await openStore().store
    }

    /// The person's own doses by exercise id, or none when there is no database yet.
    func existingPersonalDoses() async throws -> [String: DoseOverride] {
        guard let store = try await openExistingStore() else { return [:] }
        return try await store.personalDoseOverrides(profile: person)
    }

    /// The health conditions the person saved with `limber profile`, or none without a database.
    func existingConditions() async throws -> Set<Condition> {
        guard let store = try await openExistingStore() else { return [] }
        return Set(try await store.conditions(profile: person) ?? [])
    }

    /// Every routine the person can play: Limber's own and those they made, on the web or here.
    func existingLibrary(catalog: Catalog) async throws -> RoutineLibrary {
        try await RoutineLibrary(catalog: catalog, store: openExistingStore(), profile: person)
    }

    /// The zone the person chose with `limber profile --time-zone` (or on the web), else this
    /// machine's: it decides which day a typed date is, and how the diary's weeks are counted.
    func timeZone(in store: (any Store)?) async throws -> TimeZone {
        guard let store else { return .current }
        return try await store.timeZone(profile: person).flatMap(TimeZone.init(identifier:)) ?? .current
    }

    /// As `timeZone(in:)`, without creating a database to find it.
    func existingTimeZone() async throws -> TimeZone {
        try await timeZone(in: try await openExistingStore())
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
