import Foundation
import LimberCore
import LimberStore

/// What every controller reads from: the catalog, the store, and the rules built on them.
struct APIServices: Sendable {
    let catalog: Catalog
    let store: any Store
    /// Only the implicit local profile exists until accounts come.
    let profile: ProfileID = .local
    /// The profile's personal doses and what is built from them; see `PersonalDoseCache`.
    let doses: PersonalDoseCache

    init(catalog: Catalog, store: any Store, dosesRecheckedAfter: Duration) {
        self.catalog = catalog
        self.store = store
        let profile = self.profile
        doses = PersonalDoseCache(revalidateAfter: dosesRecheckedAfter) {
            PersonalSettings(
                overrides: try await store.personalDoseOverrides(profile: profile),
                conditions: try await store.conditions(profile: profile) ?? [])
        }
    }

    /// The catalog's doses alone. Anything a person sees or plays uses `makeCompiler()`, which adds their own doses.
    var compiler: TimelineCompiler { TimelineCompiler(catalog: catalog) }

    /// A compiler that applies the profile's personal doses after each routine's overrides.
    func makeCompiler() async throws -> TimelineCompiler {
        TimelineCompiler(catalog: catalog, personalDoses: try await doses.snapshot().overrides)
    }
    var planner: Planner { Planner(catalog: catalog) }

    /// The conditions the person saved (empty when none or never asked), as the cache last read them.
    func conditions() async throws -> Set<Condition> {
        try await doses.snapshot().conditions
    }

    /// What the person plays for `routine`: Limber's own routines fitted to their conditions
    /// (an exercise to avoid swapped out, with a note); their own routines exactly as they made them.
    func fitted(_ routine: Routine, conditions: Set<Condition>) throws -> ConditionFitter.Fitted {
        guard catalog.routine(routine.id) != nil else { return .init(routine: routine, swaps: []) }
        do {
            return try ConditionFitter(catalog: catalog).fit(routine, conditions: conditions)
        } catch {
            throw Problem(.unprocessableContent, error.description)
        }
    }

    /// A built-in routine as the person plays it (fitted to their conditions), or one of their own.
    func routine(id: String) async throws -> Routine? {
        if let builtIn = catalog.routine(id) { return try fitted(builtIn, conditions: try await conditions()).routine }
        return try await store.customRoutine(id: id, profile: profile)
    }

    /// Built-in routines first, each as the person plays it, then the profile's own. A built-in
    /// routine with nothing left for their conditions is listed as written; opening it says why.
    func allRoutines() async throws -> [(routine: Routine, isCustom: Bool)] {
        let conditions = try await conditions()
        return catalog.routines.map { ((try? fitted($0, conditions: conditions).routine) ?? $0, false) }
            + (try await store.customRoutines(profile: profile)).map { ($0, true) }
    }
}
