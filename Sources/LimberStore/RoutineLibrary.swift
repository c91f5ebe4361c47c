import LimberCore

/// Every routine one person can play: Limber's own, fitted to the conditions they saved, and the
/// ones they made themselves. The CLI and the server both look routines up here, so a routine
/// made on the web is listed, shown and played in the terminal too, and a built-in routine is
/// fitted to a person's conditions the same way everywhere.
public struct RoutineLibrary: Sendable {
    public let catalog: Catalog
    /// Nil when there is no database yet: then only Limber's own routines exist.
    public let store: (any Store)?
    public let profile: ProfileID

    public init(catalog: Catalog, store: (any Store)?, profile: ProfileID) {
        self.catalog = catalog
        self.store = store
        self.profile = profile
    }

    /// A routine as listed: as the person plays it, and whether they made it.
    public struct Entry: Sendable {
        public var routine: Routine
        public var isCustom: Bool
    }

    /// What the person plays for `routine`: one of Limber's own fitted to their conditions (an
    /// exercise to avoid swapped out, with a note), or one of their own exactly as they made it,
    /// since they chose its exercises (its cautions are shown before the start instead).
    public func fitted(_ routine: Routine, conditions: Set<Condition>) throws(PlanningError) -> ConditionFitter.Fitted {
        guard catalog.routine(routine.id) != nil else { return .init(routine: routine, swaps: []) }
        return try ConditionFitter(catalog: catalog).fit(routine, conditions: conditions)
    }

    /// The routine with that id as the person plays it, or nil when there is none.
    public func routine(id: String, conditions: Set<Condition>) async throws -> ConditionFitter.Fitted? {
        if let builtIn = catalog.routine(id) { return try fitted(builtIn, conditions: conditions) }
        return try await store?.customRoutine(id: id, profile: profile).map { .init(routine: $0, swaps: []) }
    }

    /// Limber's own routines first, each as the person plays it, then their own in the order they
    /// were made. A built-in routine with nothing left for their conditions is listed as written;
    /// opening it says why.
    public func all(conditions: Set<Condition>) async throws -> [Entry] {
        let builtIn = catalog.routines.map {
            Entry(routine: (try? fitted($0, conditions: conditions).routine) ?? $0, isCustom: false)
        }
        let own = try await store?.customRoutines(profile: profile) ?? []
        return builtIn + own.map { Entry(routine: $0, isCustom: true) }
    }

    /// Every routine id the person can use, for an error that lists them.
    public func knownIDs() async throws -> [String] {
        try await all(conditions: []).map(\.routine.id)
    }
}
