import ConcurrencyExtras
import Foundation
import Hummingbird
import LimberCore
import Testing

@testable import LimberServer

/// The cache between the store's personal doses and every page and timeline: these tests drive it
/// with a stand-in for the store's read, so that a read can be held open while a change lands.
@Suite("Personal dose cache")
struct PersonalDoseCacheTests {
    /// The doses "in the file", how often they were read, and an optional gate that holds a read
    /// open until the test lets it finish.
    final class Source: Sendable {
        let doses = LockIsolated<[String: DoseOverride]>([:])
        let reads = LockIsolated(0)
        let gate = LockIsolated<CheckedContinuation<Void, Never>?>(nil)
        let holdNextRead = LockIsolated(false)

        func read() async -> [String: DoseOverride] {
            reads.withValue { $0 += 1 }
            let value = doses.value
            if holdNextRead.withValue({ hold in
                defer { hold = false }; return hold
            }) {
                await withCheckedContinuation { continuation in gate.setValue(continuation) }
            }
            return value
        }

        func set(_ exerciseId: String, hold seconds: Int) {
            doses.setValue([exerciseId: DoseOverride(holdSeconds: seconds)])
        }
    }

    func makeCache(
        _ source: Source, revalidateAfter: Duration = .seconds(3600), clock: ManualClock = ManualClock()
    ) -> PersonalDoseCache {
        PersonalDoseCache(revalidateAfter: revalidateAfter, clock: clock.serverClock.monotonic) {
            PersonalSettings(overrides: await source.read(), conditions: [])
        }
    }

    func body(_ text: String) throws -> CachedBody {
        try CachedBody(ByteBuffer(string: text), contentType: "text/plain")
    }

    @Test("Doses are read once while fresh, and again after the server's own change")
    func readsOnceUntilInvalidated() async throws {
        let source = Source()
        let cache = makeCache(source)
        #expect(try await cache.snapshot().overrides.isEmpty)
        _ = try await cache.snapshot()
        #expect(source.reads.value == 1)

        source.set("calf-stretch-wall", hold: 40)
        cache.invalidate()
        #expect(try await cache.snapshot().overrides["calf-stretch-wall"]?.holdSeconds == 40)
        #expect(source.reads.value == 2)
    }

    @Test("A body is built once per set of doses, and rebuilt when they change")
    func bodiesFollowTheDoses() async throws {
        let source = Source()
        let cache = makeCache(source)
        let builds = LockIsolated(0)
        func timeline() async throws -> String {
            let built = try await cache.body(for: .routineTimeline("seed-full")) { personal in
                builds.withValue { $0 += 1 }
                return try body("hold \(personal.overrides["calf-stretch-wall"]?.holdSeconds ?? 30)")
            }
            return String(buffer: built.plain)
        }
        #expect(try await timeline() == "hold 30")
        #expect(try await timeline() == "hold 30")
        #expect(builds.value == 1)

        source.set("calf-stretch-wall", hold: 45)
        cache.invalidate()
        #expect(try await timeline() == "hold 45")
        #expect(builds.value == 2)
    }

    @Test("A change made elsewhere shows once the doses are older than the recheck interval")
    func recheckAfterInterval() async throws {
        let source = Source()
        let clock = ManualClock()
        let cache = makeCache(source, revalidateAfter: .milliseconds(50), clock: clock)
        #expect(try await cache.snapshot().overrides.isEmpty)
        source.set("calf-stretch-wall", hold: 40)  // as the CLI would: the server is not told
        clock.advance(by: .milliseconds(49))
        #expect(try await cache.snapshot().overrides.isEmpty, "still fresh: not read again yet")
        clock.advance(by: .milliseconds(2))
        #expect(try await cache.snapshot().overrides["calf-stretch-wall"]?.holdSeconds == 40)
    }

    @Test("A read that began before a change is not kept: the next request reads again")
    func readOverlappingAChangeIsNotKept() async throws {
        let source = Source()
        let cache = makeCache(source)
        source.holdNextRead.setValue(true)
        // A request starts reading the doses (no dose yet) and is held mid-read...
        async let early = cache.snapshot()
        while source.gate.value == nil { try await Task.sleep(for: .milliseconds(1)) }
        // ...while the person accepts a progression, which the server stores and announces.
        source.set("calf-stretch-wall", hold: 40)
        cache.invalidate()
        source.gate.withValue {
            $0?.resume(); $0 = nil
        }
        #expect(try await early.overrides.isEmpty, "the early request answers with what it read")

        let next = try await cache.snapshot()
        #expect(next.overrides["calf-stretch-wall"]?.holdSeconds == 40, "but nobody after it sees the old doses")
        #expect(source.reads.value == 2)
    }
}
