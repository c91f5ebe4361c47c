import ArgumentParser
import Foundation
import LimberCore

/// `limber profile`: the health conditions every plan, routine and session takes into account,
/// and the time zone the diary's days and weeks are counted in.
struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Show or save the health conditions and time zone Limber takes into account.",
        discussion: """
            With --condition, Limber leaves out stretches to avoid with it from its own routines and plans, \
            puts another in their place where it can, and shows the cautions that concern you before each \
            session. The conditions given replace the ones saved before. With --time-zone, the diary counts \
            days and weeks, reads the dates you type and starts new reminders in that zone; --time-zone \
            system goes back to this machine's.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("condition"),
        help: "A condition that applies to you: \(Condition.acceptedValues). Repeat for more than one.")
    var conditions: [Condition] = []

    @Flag(help: "Forget the saved conditions.")
    var clear = false

    @Option(help: "Your IANA time zone, such as Europe/London; `system` uses this machine's.")
    var timeZone: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if clear && !conditions.isEmpty {
            throw ValidationError("--clear: give either --clear or --condition, not both")
        }
        if let timeZone, timeZone != "system" {
            do { try ReminderRules.checkTimeZone(timeZone, field: "time-zone") } catch {
                throw ValidationError(error.description + ", or system for this machine's")
            }
        }
    }

    func run() async throws {
        if clear || !conditions.isEmpty || timeZone != nil {
            let store = try await storeOptions.openStore().store
            if clear || !conditions.isEmpty {
                try await store.setConditions(clear ? nil : conditions, profile: storeOptions.person)
            }
            if let timeZone {
                try await store.setTimeZone(timeZone == "system" ? nil : timeZone, profile: storeOptions.person)
            }
        }
        let saved = try await storeOptions.existingConditions()
        let names = Condition.allCases.filter(saved.contains)
        let store = try await storeOptions.openExistingStore()
        let savedZone = try await store?.timeZone(profile: storeOptions.person)
        let zone = try await storeOptions.timeZone(in: store).identifier
        if json {
            struct Output: Encodable {
                var conditions: [Condition]
                var timeZone: String
                var timeZoneSaved: Bool
            }
            return try printJSON(Output(conditions: names, timeZone: zone, timeZoneSaved: savedZone != nil))
        }
        if names.isEmpty {
            print(clear ? "Forgotten: no health conditions are saved now." : "No health conditions are saved.")
            print("Save one with, for example, `limber profile --condition knee`.")
        } else {
            print("Saved: \(names.map(\.title).joined(separator: ", ")).")
            print("Limber's own routines and plans leave out what to avoid with these, and say what replaced it.")
        }
        print(
            savedZone == nil
                ? "Time zone: \(zone), this machine's; save yours with, for example, `limber profile --time-zone Europe/London`."
                : "Time zone: \(zone).")
    }
}
