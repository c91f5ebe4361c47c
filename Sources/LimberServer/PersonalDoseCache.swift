import ConcurrencyExtras
import LimberCore

/// What a person saved that changes what Limber's own routines contain: their personal doses
/// and their health conditions (an exercise to avoid is swapped out).
struct PersonalSettings: Sendable, Hashable {
    var overrides: [String: DoseOverride]
    var conditions: [Condition]
    /// The IANA name the person chose; nil when they chose none and the server's zone applies.
    var timeZoneIdentifier: String? = nil
}

/// One person's personal doses, conditions and time zone as the server last read them, and the response
/// bodies built from them (timelines, the home page), so that the common requests touch neither
/// SQLite nor the JSON encoder.
///
/// Conditions change what a built-in routine plays in the same way doses do, so they share the
/// freshness rule below rather than having a second cache with its own.
///
/// Every timeline and total time depends on the personal doses and conditions, which change only
/// when a person accepts or undoes a progression or saves their conditions. The server's own changes call `invalidate()`, so the person
/// who made one sees it on the very next request. A change made on the same file by another
/// process (the `limber` CLI) cannot be noticed without reading the file, so the doses are read
/// again when they are older than `revalidateAfter`; a body built from doses that turn out to
/// have changed is thrown away.
final class PersonalDoseCache: Sendable {
    /// What a cached body was built for. Custom routines are not cached: they live in the store.
    enum Key: Hashable, Sendable {
        case routineTimeline(String)
        case planTimeline(PlanRequest)
        /// A page, with the name its layout shows (nil before there are accounts). Never with a
        /// form token: that belongs to one sign-in, and a person may be signed in on two phones.
        case page(CachedPage, signedInAs: String?)
    }

    /// The pages that show only the catalog, the safety content and what is kept here.
    enum CachedPage: Hashable, Sendable {
        case home
        case region(String)
        case exercise(String)
        case safety
    }

    /// The doses and a number that changes whenever they might have.
    struct Snapshot: Sendable {
        var settings: PersonalSettings
        var version: Int

        var overrides: [String: DoseOverride] { settings.overrides }
        var conditions: Set<Condition> { Set(settings.conditions) }
    }

    private struct State {
        var snapshot: Snapshot?
        var checkedAt: ContinuousClock.Instant
        var isRechecking = false
        var nextVersion = 0
        var bodies: [Key: CachedBody] = [:]

        /// The known doses, unless they are older than `revalidateAfter` and nobody is reading
        /// them again yet. While one request reads them again, the others go on with these.
        func freshSnapshot(at now: ContinuousClock.Instant, revalidateAfter: Duration) -> Snapshot? {
            guard let snapshot, isRechecking || now - checkedAt < revalidateAfter else { return nil }
            return snapshot
        }

        /// Forgets everything built so far; returns the version of whatever is built next.
        mutating func startNewVersion() -> Int {
            nextVersion += 1
            bodies.removeAll()
            return nextVersion
        }
    }

    /// Plans can be asked for with any mix of regions; a full cache starts again rather than grow
    /// without limit (a project default, far above the combinations people use).
    static let maximumBodies = 512

    private let state: LockIsolated<State>
    private let revalidateAfter: Duration
    private let clock: @Sendable () -> ContinuousClock.Instant
    private let load: @Sendable () async throws -> PersonalSettings

    /// `revalidateAfter`: how stale a change made by another process may be. The default in
    /// `ServerConfiguration` (250 ms, a project default) is shorter than it takes a person to
    /// accept a progression in the terminal and then open the browser.
    /// `clock`: the monotonic time staleness is measured in (`ServerClock.monotonic`).
    init(
        revalidateAfter: Duration, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
        load: @escaping @Sendable () async throws -> PersonalSettings
    ) {
        self.revalidateAfter = revalidateAfter
        self.clock = clock
        self.load = load
        state = LockIsolated(State(checkedAt: clock()))
    }

    /// After the server changed the doses or conditions: the next request reads them again.
    func invalidate() {
        state.withValue { state in
            state.snapshot = nil
            state.isRechecking = false
            _ = state.startNewVersion()
        }
    }

    /// The current doses, read from the store only when not known or possibly stale.
    func snapshot() async throws -> Snapshot {
        let now = clock()
        let known: Snapshot? = state.withValue { state in
            if let fresh = state.freshSnapshot(at: now, revalidateAfter: revalidateAfter) { return fresh }
            // Stale: this request reads them again.
            if state.snapshot != nil { state.isRechecking = true }
            return nil
        }
        if let known { return known }
        return try await reload(startedAt: now)
    }

    private func reload(startedAt: ContinuousClock.Instant) async throws -> Snapshot {
        let versionBefore = state.value.nextVersion
        let settings: PersonalSettings
        do {
            settings = try await load()
        } catch {
            state.withValue { $0.isRechecking = false }
            throw error
        }
        return state.withValue { state in
            // `invalidate()` ran during the read, which may have missed the change: answer this
            // request with what was read, but keep none of it.
            guard state.nextVersion == versionBefore else { return Snapshot(settings: settings, version: -1) }
            state.isRechecking = false
            state.checkedAt = startedAt
            if let known = state.snapshot, known.settings == settings { return known }
            let snapshot = Snapshot(settings: settings, version: state.startNewVersion())
            state.snapshot = snapshot
            return snapshot
        }
    }

    /// The common case in one lock and no suspension: the doses are fresh and the body is built.
    private func freshBody(for key: Key) -> CachedBody? {
        let now = clock()
        // A kept snapshot always has the current version: `invalidate()` drops it when it starts
        // a new one, so the bodies beside it were built from it.
        return state.withValue { state in
            state.freshSnapshot(at: now, revalidateAfter: revalidateAfter) == nil ? nil : state.bodies[key]
        }
    }

    /// The body for `key`, built with `build` from the current doses when not already built.
    func body(
        for key: Key, build: (_ personal: Snapshot) throws -> CachedBody
    ) async throws -> CachedBody {
        if let built = freshBody(for: key) { return built }
        let snapshot = try await snapshot()
        if let built = state.withValue({ $0.nextVersion == snapshot.version ? $0.bodies[key] : nil }) {
            return built
        }
        let body = try build(snapshot)
        state.withValue { state in
            guard state.nextVersion == snapshot.version else { return }
            if state.bodies.count >= Self.maximumBodies { state.bodies.removeAll() }
            state.bodies[key] = body
        }
        return body
    }
}

/// A `PersonalDoseCache` for each person the server has answered, made on their first request.
/// Each person's doses and conditions change only their own timelines and pages, and a change by
/// one never makes another's cached bodies be built again.
final class PersonalDoseCaches: Sendable {
    private let caches = LockIsolated([ProfileID: PersonalDoseCache]())
    private let make: @Sendable (ProfileID) -> PersonalDoseCache

    init(make: @escaping @Sendable (ProfileID) -> PersonalDoseCache) {
        self.make = make
    }

    /// How many people's caches are kept before all are dropped and built again as people come
    /// back (a project default: a household or a clinic is far below it, and each cache is small).
    static let maximumPeople = 10_000

    func cache(for person: ProfileID) -> PersonalDoseCache {
        caches.withValue { caches in
            if let known = caches[person] { return known }
            if caches.count >= Self.maximumPeople { caches.removeAll() }
            let made = make(person)
            caches[person] = made
            return made
        }
    }
}
