import Foundation
import LimberCore
import LimberStore
import Testing

/// The contract for what a person says about themselves: their time zone and health conditions.
extension StoreContract {
    public func aTimeZoneNeverSetIsNil() async throws {
        let store = try await makeStore()

        #expect(try await store.timeZone(profile: .local) == nil)
    }

    public func aTimeZoneIsSetReplacedAndCleared() async throws {
        let store = try await makeStore()

        try await store.setTimeZone("Europe/London", profile: .local)
        #expect(try await store.timeZone(profile: .local) == "Europe/London")

        try await store.setTimeZone("America/Argentina/Buenos_Aires", profile: .local)
        #expect(try await store.timeZone(profile: .local) == "America/Argentina/Buenos_Aires", "the new zone replaces")

        try await store.setTimeZone(nil, profile: .local)
        #expect(try await store.timeZone(profile: .local) == nil, "nil forgets the zone")
    }

    public func oneProfilesTimeZoneIsNotAnothers() async throws {
        let store = try await makeStore()
        let other: ProfileID = "clinic-patient-7"

        try await store.setTimeZone("Asia/Tokyo", profile: .local)
        #expect(try await store.timeZone(profile: other) == nil)

        try await store.setTimeZone("Pacific/Auckland", profile: other)
        #expect(try await store.timeZone(profile: .local) == "Asia/Tokyo")
        try await store.setTimeZone(nil, profile: other)
        #expect(try await store.timeZone(profile: .local) == "Asia/Tokyo", "clearing one profile's leaves the other's")
    }

    public func conditionsAreSavedReplacedAndForgotten() async throws {
        let store = try await makeStore()
        let other: ProfileID = "clinic-patient-7"
        #expect(try await store.conditions(profile: .local) == nil, "never asked")

        try await store.setConditions([], profile: .local)
        #expect(try await store.conditions(profile: .local) == [], "asked, and none apply")

        try await store.setConditions([.knee, .pregnancy, .knee], profile: .local)
        #expect(try await store.conditions(profile: .local) == [.pregnancy, .knee], "in a fixed order, once each")
        #expect(try await store.conditions(profile: other) == nil)

        try await store.setConditions([.hipReplacement], profile: .local)
        #expect(try await store.conditions(profile: .local) == [.hipReplacement])

        try await store.setConditions(nil, profile: .local)
        #expect(try await store.conditions(profile: .local) == nil, "forgotten, so the person is asked again")
    }
}
