import Foundation
import LimberCore
import LimberStore
import Testing

/// The contract for what a person sets up: personal doses, reminders and the calendar feed secret.
extension StoreContract {
    public func personalDoseIsSavedAndReplaced() async throws {
        let store = try await makeStore()
        let first = PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 45))
        try await store.savePersonalDose(first, profile: .local)
        #expect(try await store.personalDoses(profile: .local) == [first])
        let second = PersonalDose(
            exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 60), previous: first.dose)
        try await store.savePersonalDose(second, profile: .local)
        #expect(try await store.personalDoses(profile: .local) == [second], "one dose per exercise")
        #expect(try await store.personalDoses(profile: "someone-else").isEmpty)
    }

    public func remindersListInOrderAndDelete() async throws {
        let store = try await makeStore()
        let evening = Reminder(
            routineId: "bedtime-leg-cramps", weekdays: [1, 2, 3, 4, 5, 6, 7], hour: 22, minute: 15,
            timeZone: "Europe/London")
        let morning = Reminder(routineId: "seed-full", weekdays: [1, 3, 5], hour: 7, minute: 0, timeZone: "Asia/Tokyo")
        #expect(try await store.addReminder(evening, profile: .local) == evening)
        _ = try await store.addReminder(morning, profile: .local)
        _ = try await store.addReminder(evening, profile: .local)
        #expect(try await store.reminders(profile: .local) == [evening, morning], "in order, adding twice keeps one")
        #expect(try await store.reminders(profile: "someone-else").isEmpty)
        #expect(try await store.deleteReminder(id: evening.id, profile: .local))
        #expect(try await !store.deleteReminder(id: evening.id, profile: .local))
        #expect(try await store.reminders(profile: .local) == [morning])
    }

    public func aNewFeedSecretRevokesTheOldOne() async throws {
        let store = try await makeStore()
        #expect(try await store.calendarFeedToken(profile: .local) == nil)
        try await store.setCalendarFeedToken("first-secret", profile: .local)
        #expect(try await store.profile(forCalendarFeedToken: "first-secret") == .local)
        try await store.setCalendarFeedToken("second-secret", profile: .local)
        #expect(try await store.profile(forCalendarFeedToken: "first-secret") == nil, "the old address stops working")
        #expect(try await store.profile(forCalendarFeedToken: "second-secret") == .local)
        try await store.setCalendarFeedToken(nil, profile: .local)
        #expect(try await store.calendarFeedToken(profile: .local) == nil)
        #expect(try await store.profile(forCalendarFeedToken: "second-secret") == nil)
    }

    public func profilesNeverSeeEachOthersDosesRemindersOrFeeds() async throws {
        let store = try await makeStore()
        let other: ProfileID = "clinic-patient-7"
        let mine = PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 45))
        let theirs = PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(sets: 2))
        let myReminder = Reminder(routineId: "seed-full", weekdays: [2], hour: 8, minute: 30, timeZone: "Europe/Paris")
        try await store.savePersonalDose(mine, profile: .local)
        _ = try await store.addReminder(myReminder, profile: .local)
        try await store.setCalendarFeedToken("my-secret", profile: .local)

        // The other profile's dose for the same exercise is its own, and undoing it leaves mine.
        try await store.savePersonalDose(theirs, profile: other)
        #expect(try await store.personalDoses(profile: .local) == [mine])
        #expect(try await store.personalDoses(profile: other) == [theirs])
        #expect(try await store.undoPersonalDose(exerciseId: "calf-stretch-wall", profile: other) == .removed)
        #expect(try await store.personalDoses(profile: other).isEmpty)
        #expect(try await store.personalDoses(profile: .local) == [mine])

        #expect(try await store.reminders(profile: other).isEmpty)
        #expect(try await !store.deleteReminder(id: myReminder.id, profile: other))
        #expect(try await store.reminders(profile: .local) == [myReminder])

        try await store.setCalendarFeedToken("their-secret", profile: other)
        #expect(try await store.profile(forCalendarFeedToken: "my-secret") == .local)
        #expect(try await store.profile(forCalendarFeedToken: "their-secret") == other)
        try await store.setCalendarFeedToken(nil, profile: other)
        #expect(try await store.calendarFeedToken(profile: .local) == "my-secret", "revoking theirs leaves mine")
        #expect(try await store.profile(forCalendarFeedToken: "never-issued") == nil)
    }
}
