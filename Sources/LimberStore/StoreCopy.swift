import Foundation
import LimberCore

/// Moves everything from one store to another (`limber store copy`, SQLite to PostgreSQL, say):
/// accounts with their password and token hashes, and every profile's records. Each record is
/// added only when the target lacks it, so a second run copies nothing twice, and an interrupted
/// run is finished by running it again. Sign-in sessions, invitations and failed sign-ins stay
/// behind: people sign in again on the new database.
public enum StoreCopy {
    /// How many records of each kind a store holds for the copied profiles.
    public struct Counts: Sendable, Hashable, CustomStringConvertible {
        public var accounts = 0
        public var tokens = 0
        public var episodes = 0
        public var sessions = 0
        public var routines = 0
        public var doses = 0
        public var reminders = 0
        public var settings = 0

        public init() {}

        public var description: String {
            "\(accounts) accounts, \(tokens) tokens, \(episodes) cramps, \(sessions) sessions, \(routines) routines, "
                + "\(doses) personal doses, \(reminders) reminders, \(settings) settings"
        }
    }

    public struct Report: Sendable, Hashable {
        /// What this run added to the target.
        public var added: Counts
        public var source: Counts
        public var target: Counts

        /// Whether the target now holds exactly what the source does.
        public var countsMatch: Bool { source == target }
    }

    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// The target has accounts the source does not: their profiles could clash with the copied ones.
        case targetHasOtherAccounts([String])

        public var description: String {
            switch self {
            case .targetHasOtherAccounts(let names):
                return "to: the target already has accounts of its own (\(names.joined(separator: ", "))); "
                    + "copy into an empty database, or one an earlier copy from the same source made"
            }
        }
    }

    public static func run(from source: any Store, to target: any Store) async throws -> Report {
        let exports = try await source.exportAccounts()
        let sourceIDs = Set(exports.map(\.account.id))
        let others = try await target.accounts().filter { !sourceIDs.contains($0.id) }
        guard others.isEmpty else { throw Refusal.targetHasOtherAccounts(others.map(\.name)) }

        var added = Counts()
        for export in exports where try await target.importAccount(export) {
            added.accounts += 1
            added.tokens += export.tokens.count
        }
        let profiles = [ProfileID.local] + exports.map(\.account.profile).filter { $0 != .local }
        for profile in profiles {
            try await copyRecords(of: profile, from: source, to: target, added: &added)
        }
        return Report(
            added: added, source: try await counts(source, profiles: profiles),
            target: try await counts(target, profiles: profiles))
    }

    private static func copyRecords(
        of profile: ProfileID, from source: any Store, to target: any Store, added: inout Counts
    ) async throws {
        let summary = try await target.importRecords(
            episodes: try await source.episodes(profile: profile, since: nil, region: nil),
            sessions: try await source.sessions(profile: profile, since: nil), profile: profile)
        added.episodes += summary.episodesAdded
        added.sessions += summary.sessionsAdded

        // In the source's order, so the routines keep the order they were first saved in.
        for routine in try await source.customRoutines(profile: profile)
        where try await target.customRoutine(id: routine.id, profile: profile) == nil {
            _ = try await target.saveCustomRoutine(routine, profile: profile)
            added.routines += 1
        }
        let doses = Set(try await target.personalDoses(profile: profile).map(\.exerciseId))
        for dose in try await source.personalDoses(profile: profile) where !doses.contains(dose.exerciseId) {
            try await target.savePersonalDose(dose, profile: profile)
            added.doses += 1
        }
        let reminders = Set(try await target.reminders(profile: profile).map(\.id))
        for reminder in try await source.reminders(profile: profile) where !reminders.contains(reminder.id) {
            _ = try await target.addReminder(reminder, profile: profile)
            added.reminders += 1
        }
        if try await target.calendarFeedToken(profile: profile) == nil,
            let token = try await source.calendarFeedToken(profile: profile)
        {
            try await target.setCalendarFeedToken(token, profile: profile)
            added.settings += 1
        }
        if try await target.conditions(profile: profile) == nil,
            let conditions = try await source.conditions(profile: profile)
        {
            try await target.setConditions(conditions, profile: profile)
            added.settings += 1
        }
        if try await target.timeZone(profile: profile) == nil, let zone = try await source.timeZone(profile: profile) {
            try await target.setTimeZone(zone, profile: profile)
            added.settings += 1
        }
    }

    static func counts(_ store: any Store, profiles: [ProfileID]) async throws -> Counts {
        var counts = Counts()
        let accounts = try await store.exportAccounts()
        counts.accounts = accounts.count
        counts.tokens = accounts.map(\.tokens.count).reduce(0, +)
        for profile in profiles {
            counts.episodes += try await store.episodes(profile: profile, since: nil, region: nil).count
            counts.sessions += try await store.sessions(profile: profile, since: nil).count
            counts.routines += try await store.customRoutines(profile: profile).count
            counts.doses += try await store.personalDoses(profile: profile).count
            counts.reminders += try await store.reminders(profile: profile).count
            counts.settings += try await store.calendarFeedToken(profile: profile) == nil ? 0 : 1
            counts.settings += try await store.conditions(profile: profile) == nil ? 0 : 1
            counts.settings += try await store.timeZone(profile: profile) == nil ? 0 : 1
        }
        return counts
    }
}
