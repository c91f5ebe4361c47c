import Foundation
import LimberCore
import LimberStore

/// What every controller reads from: the catalog, the store, the clocks, and the rules built on
/// them. Anything personal goes through `person(_:)`, for the person the request acts on.
struct APIServices: Sendable {
    let catalog: Catalog
    let store: any Store
    let clock: ServerClock
    /// The zone of a person who chose none.
    let defaultTimeZone: TimeZone
    /// Every figure drawn once, for the pages that show them.
    let figures: FigureImages
    private let caches: PersonalDoseCaches

    init(_ configuration: ServerConfiguration) throws {
        catalog = configuration.catalog
        figures = try FigureImages(catalog: configuration.catalog)
        store = configuration.store
        clock = configuration.clock
        defaultTimeZone = configuration.defaultTimeZone
        let store = configuration.store
        let revalidateAfter = configuration.dosesRecheckedAfter
        let monotonic = configuration.clock.monotonic
        caches = PersonalDoseCaches { profile in
            PersonalDoseCache(revalidateAfter: revalidateAfter, clock: monotonic) {
                PersonalSettings(
                    overrides: try await store.personalDoseOverrides(profile: profile),
                    conditions: try await store.conditions(profile: profile) ?? [],
                    timeZoneIdentifier: try await store.timeZone(profile: profile))
            }
        }
    }

    /// The catalog's doses alone. Anything a person sees or plays uses `PersonServices.makeCompiler()`, which adds their own doses.
    var compiler: TimelineCompiler { TimelineCompiler(catalog: catalog) }
    var planner: Planner { Planner(catalog: catalog) }

    /// Everything personal, for the person the request acts on (`SignInMiddleware` says who).
    func person(_ context: LimberRequestContext) throws -> PersonServices {
        person(try context.person)
    }

    /// Everything personal for a person named another way (a calendar feed's secret).
    func person(_ profile: ProfileID) -> PersonServices {
        PersonServices(profile: profile, services: self, doses: caches.cache(for: profile))
    }
}

/// What the server does for one person: their routines, doses, conditions and time zone. Every
/// controller and page reaches a person's records only through one of these, so a request can
/// never read another person's.
struct PersonServices: Sendable {
    let profile: ProfileID
    let services: APIServices
    /// Their personal doses, conditions and zone, and what is built from them; see `PersonalDoseCache`.
    let doses: PersonalDoseCache

    var catalog: Catalog { services.catalog }
    var store: any Store { services.store }
    var library: RoutineLibrary { RoutineLibrary(catalog: catalog, store: store, profile: profile) }

    /// A compiler that applies the person's doses after each routine's overrides.
    func makeCompiler() async throws -> TimelineCompiler {
        TimelineCompiler(catalog: catalog, personalDoses: try await doses.snapshot().overrides)
    }

    /// The conditions the person saved (empty when none or never asked), as the cache last read them.
    func conditions() async throws -> Set<Condition> {
        try await doses.snapshot().conditions
    }

    /// The zone the person chose, or the server's when they chose none (or a name this machine no
    /// longer knows). It decides their diary weeks, review windows, how a typed date reads, and
    /// the zone a new reminder starts with.
    func timeZone() async throws -> TimeZone {
        try await doses.snapshot().settings.timeZoneIdentifier.flatMap(TimeZone.init(identifier:))
            ?? services.defaultTimeZone
    }

    /// After the server changed the person's doses, conditions or zone: rebuild what used them.
    func settingsChanged() {
        doses.invalidate()
    }

    /// What the person plays for `routine`; see `RoutineLibrary.fitted`.
    func fitted(_ routine: Routine, conditions: Set<Condition>) throws -> ConditionFitter.Fitted {
        do {
            return try library.fitted(routine, conditions: conditions)
        } catch {
            throw Problem(.unprocessableContent, error.description)
        }
    }

    /// A built-in routine as the person plays it (fitted to their conditions), or one of their own.
    func routine(id: String) async throws -> Routine? {
        do {
            return try await library.routine(id: id, conditions: try await conditions())?.routine
        } catch let error as PlanningError {
            throw Problem(.unprocessableContent, error.description)
        }
    }

    /// Built-in routines first, each as the person plays it, then their own.
    func allRoutines() async throws -> [RoutineLibrary.Entry] {
        try await library.all(conditions: try await conditions())
    }
}
