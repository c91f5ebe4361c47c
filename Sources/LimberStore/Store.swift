import Foundation
import LimberCore

/// Where personal records live. Every backend (SQLite now, PostgreSQL later) passes the same
/// contract tests, so the CLI and the server never care which one they talk to.
///
/// Writes return only once the record is durable. Adding a record whose id is already stored for
/// the profile changes nothing and returns the stored record, so a retried write never duplicates.
public protocol Store: AccountStore {
    /// Stores the episode unless one with its id is there, and says which happened.
    func insertEpisode(_ episode: Episode, profile: ProfileID) async throws -> Insertion<Episode>
    /// Replaces an episode; returns nil when the profile has no episode with that id.
    func updateEpisode(_ episode: Episode, profile: ProfileID) async throws -> Episode?
    func episode(id: UUID, profile: ProfileID) async throws -> Episode?
    /// Newest first, within `window`; `region` keeps those that name it.
    func episodes(profile: ProfileID, region: String?, in window: RecordWindow) async throws -> [Episode]
    /// Returns false when there was nothing to delete.
    func deleteEpisode(id: UUID, profile: ProfileID) async throws -> Bool

    /// Stores the record unless one with its id is there, and says which happened.
    func insertSession(_ record: SessionRecord, profile: ProfileID) async throws -> Insertion<SessionRecord>
    /// Replaces a record; returns nil when the profile has no session with that id. The terminal
    /// saves a session the moment it ends and adds the ratings asked afterwards with this, so a
    /// closed terminal or a Ctrl-C at the questions never loses what was done.
    func updateSession(_ record: SessionRecord, profile: ProfileID) async throws -> SessionRecord?
    func session(id: UUID, profile: ProfileID) async throws -> SessionRecord?
    /// Newest first (by start), within `window`.
    func sessions(profile: ProfileID, in window: RecordWindow) async throws -> [SessionRecord]
    func deleteSession(id: UUID, profile: ProfileID) async throws -> Bool

    /// Adds every record not already stored, in one transaction: all or nothing.
    func importRecords(
        episodes: [Episode], sessions: [SessionRecord], profile: ProfileID
    ) async throws -> ImportSummary

    /// The profile's own routines, in the order they were first saved.
    func customRoutines(profile: ProfileID) async throws -> [Routine]
    func customRoutine(id: String, profile: ProfileID) async throws -> Routine?
    /// Adds the routine, or replaces the profile's routine with the same id.
    /// A replaced routine keeps its place in the order; checking it is the caller's job (`CustomRoutineRules`).
    func saveCustomRoutine(_ routine: Routine, profile: ProfileID) async throws -> Routine
    /// Returns false when there was nothing to delete.
    func deleteCustomRoutine(id: String, profile: ProfileID) async throws -> Bool

    /// The profile's personal doses, one per exercise at most.
    func personalDoses(profile: ProfileID) async throws -> [PersonalDose]
    /// Adds or replaces the personal dose for its exercise.
    func savePersonalDose(_ dose: PersonalDose, profile: ProfileID) async throws
    /// Stores the dose a current suggestion proposes. Accepting it again finds it already stored
    /// and changes nothing, so a retried request never steps up twice.
    ///
    /// The sessions and doses the decision rests on are read in the same transaction as the write,
    /// so two accepts at once store one dose (one gets `.alreadyAccepted`), and an undo at the same
    /// moment runs wholly before or wholly after.
    func acceptSuggestion(
        id: String, catalog: Catalog, profile: ProfileID, now: Date
    ) async throws
        -> SuggestionAcceptance
    /// Goes back one step: to the personal dose before the last accepted change, or to the catalog's.
    /// Reads and writes in one transaction, like `acceptSuggestion`.
    func undoPersonalDose(exerciseId: String, profile: ProfileID) async throws -> PersonalDoseUndo

    /// The profile's reminders, in the order they were added.
    func reminders(profile: ProfileID) async throws -> [Reminder]
    func addReminder(_ reminder: Reminder, profile: ProfileID) async throws -> Reminder
    /// Returns false when there was nothing to delete.
    func deleteReminder(id: UUID, profile: ProfileID) async throws -> Bool

    /// The secret that names the profile's calendar feed, or nil when it has none.
    func calendarFeedToken(profile: ProfileID) async throws -> String?
    /// Sets a new secret, which makes any older feed address stop working; nil revokes the feed.
    func setCalendarFeedToken(_ token: String?, profile: ProfileID) async throws
    /// The profile whose feed the secret names.
    func profile(forCalendarFeedToken token: String) async throws -> ProfileID?

    /// The health conditions the person saved, in a fixed order; nil when they were never asked.
    func conditions(profile: ProfileID) async throws -> [Condition]?
    /// Saves the conditions, replacing any saved before; nil forgets them, so the person is asked again.
    func setConditions(_ conditions: [Condition]?, profile: ProfileID) async throws

    /// The IANA identifier of the person's time zone ("Europe/London"); nil when it was never set.
    func timeZone(profile: ProfileID) async throws -> String?
    /// Saves the time zone, replacing any saved before; nil forgets it.
    /// The identifier is stored exactly as given: checking that it names a real IANA zone
    /// (`TimeZone(identifier:)`) is the caller's job, as it is for a custom routine.
    func setTimeZone(_ identifier: String?, profile: ProfileID) async throws
}

/// What an insert did: the record as stored, and whether this call stored it. An API answers
/// 201 only when `isNew`, so retries of one write, even at the same moment, get 200.
public struct Insertion<Value: Sendable>: Sendable {
    public var value: Value
    public var isNew: Bool

    public init(value: Value, isNew: Bool) {
        self.value = value
        self.isNew = isNew
    }
}

/// Which of a profile's dated records a list asks for: a span of time, where the previous page
/// ended, and how many. Lists are newest first, so a page continues with older records.
public struct RecordWindow: Sendable, Hashable {
    /// At or after this moment.
    public var since: Date?
    /// Strictly before this moment, so that months laid end to end share no record.
    public var before: Date?
    /// Only records that list after this one: the last record of the previous page.
    public var after: RecordPosition?
    /// At most this many; nil for all.
    public var limit: Int?

    public init(since: Date? = nil, before: Date? = nil, after: RecordPosition? = nil, limit: Int? = nil) {
        self.since = since
        self.before = before
        self.after = after
        self.limit = limit
    }

    /// Every record.
    public static let all = RecordWindow()
}

/// Where a record sits in a newest-first list: its time (an episode's `occurredAt`, a session's
/// `startedAt`) and its id, which orders records with the same time the same way on every backend.
/// A page that continues from a position is unaffected by records added or deleted meanwhile.
public struct RecordPosition: Sendable, Hashable {
    public var date: Date
    public var id: UUID

    public init(date: Date, id: UUID) {
        self.date = date
        self.id = id
    }
}

extension Store {
    /// Newest first; `since` keeps episodes at or after it, `region` those that name it.
    public func episodes(profile: ProfileID, since: Date?, region: String?) async throws -> [Episode] {
        try await episodes(profile: profile, region: region, in: RecordWindow(since: since))
    }

    /// Newest first; `since` keeps sessions started at or after it.
    public func sessions(profile: ProfileID, since: Date?) async throws -> [SessionRecord] {
        try await sessions(profile: profile, in: RecordWindow(since: since))
    }

    /// Stores the episode unless one with its id is there; returns the stored one either way.
    public func addEpisode(_ episode: Episode, profile: ProfileID) async throws -> Episode {
        try await insertEpisode(episode, profile: profile).value
    }

    /// Stores the record unless one with its id is there; returns the stored one either way.
    public func addSession(_ record: SessionRecord, profile: ProfileID) async throws -> SessionRecord {
        try await insertSession(record, profile: profile).value
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Hashable, Codable {
    public var episodesAdded: Int
    public var episodesAlreadyThere: Int
    public var sessionsAdded: Int
    public var sessionsAlreadyThere: Int

    public init(episodesAdded: Int, episodesAlreadyThere: Int, sessionsAdded: Int, sessionsAlreadyThere: Int) {
        self.episodesAdded = episodesAdded
        self.episodesAlreadyThere = episodesAlreadyThere
        self.sessionsAdded = sessionsAdded
        self.sessionsAlreadyThere = sessionsAlreadyThere
    }
}

/// A database Limber cannot or must not use; the file is left exactly as it was.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but is not a Limber database (another program's file, or not SQLite at all).
    case notALimberDatabase(path: String)
    /// A newer Limber wrote it; this version would not understand its records.
    case newerSchema(path: String, found: String)
    case cannotOpen(path: String, reason: String)
    /// Limber may read the file but not change it (the file or its folder is read-only).
    /// `isOlder`: an older Limber wrote it, so it cannot even be read until it is updated.
    case readOnly(path: String, isOlder: Bool)
    /// The path names a folder, not a file.
    case isAFolder(path: String)

    public var description: String {
        switch self {
        case .notALimberDatabase(let path):
            return "database: \(path) is not a Limber database; it was left untouched. "
                + "Give another path with --database or LIMBER_DATABASE."
        case .newerSchema(let path, let found):
            return "database: \(path) was written by a newer Limber (it has \(found)); it was left untouched. "
                + "Update Limber to use it."
        case .cannotOpen(let path, let reason):
            return "database: cannot open \(path): \(reason)"
        case .readOnly(let path, false):
            return "database: \(path) is read-only, so nothing can be saved to it; commands that only read "
                + "(history, export, review) still work. To save, make the file and its folder writable."
        case .readOnly(let path, true):
            return "database: \(path) is read-only and from an older Limber, which must update it before reading; "
                + "make the file and its folder writable once."
        case .isAFolder(let path):
            return "database: \"\(path)\" is not accepted; it is a folder; give a file path, such as "
                + "\(URL(fileURLWithPath: path).appendingPathComponent("limber.sqlite").path)"
        }
    }
}
