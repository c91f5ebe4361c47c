import ArgumentParser
import Foundation
import LimberCore
import LimberServer
import LimberStore

/// `limber remind add|list|remove|feed`: when to do a routine, and the calendar feed that reminds you.
struct RemindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Reminders to do a routine on set days, and the calendar feed that shows them.",
        subcommands: [Add.self, List.self, Remove.self, Feed.self])

    /// The CLI's names for the reminder's fields, so an error names the option to fix.
    static func optionError(_ error: FieldError) -> UserError {
        let names = [
            "routineId": "routine", "weekdays": "days", "hour": "time", "minute": "time", "timeZone": "time-zone",
        ]
        return UserError(error.renamed(names).description)
    }

    /// Built-in routines' names and the person's own, for lines a person reads.
    static func routineNames(_ library: RoutineLibrary) async throws -> [String: String] {
        let routines = try await library.all(conditions: []).map(\.routine)
        return Dictionary(routines.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a reminder to do a routine on some days at a time.")

        @OptionGroup var catalogSource: CatalogSource
        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The routine, such as bedtime-leg-cramps (see `limber routines`).")
        var routine: String

        @Option(help: "Which days: names such as mon,wed,fri, or daily, or weekdays.")
        var days: String

        @Option(help: "The local time, 24-hour, such as 21:30.")
        var time: String

        @Option(
            help: "An IANA time zone such as Europe/London (default: yours from `limber profile`, else this machine's)."
        )
        var timeZone: String?

        @Flag(help: "Print the saved reminder as JSON.")
        var json = false

        func run() async throws {
            let catalog = try catalogSource.load()
            // Without --time-zone, the person's own zone (`limber profile --time-zone`), else this machine's.
            let ownZone = try await storeOptions.existingTimeZone().identifier
            let reminder = try makeReminder(timeZone: timeZone ?? ownZone)
            let (store, _) = try await storeOptions.openStore()
            let customIDs = Set(try await store.customRoutines(profile: storeOptions.person).map(\.id))
            do {
                try ReminderRules.validate(reminder, catalog: catalog, customRoutineIDs: customIDs)
            } catch {
                throw RemindCommand.optionError(error)
            }
            let saved = try await store.addReminder(reminder, profile: storeOptions.person)
            if json { return try printJSON(saved) }
            let names = try await RemindCommand.routineNames(
                RoutineLibrary(catalog: catalog, store: store, profile: storeOptions.person))
            print("Added: \(ReminderText.line(saved, names: names))")
        }

        /// Reads the days and the time, and checks the zone, before anything touches the database.
        func makeReminder(timeZone: String) throws -> Reminder {
            do {
                let weekdays = try ReminderRules.parseDays(days, field: "days")
                let clock = try ReminderRules.parseTime(time, field: "time")
                try ReminderRules.checkTimeZone(timeZone, field: "time-zone")
                return Reminder(
                    routineId: routine, weekdays: weekdays, hour: clock.hour, minute: clock.minute, timeZone: timeZone)
            } catch {
                throw UserError(error.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List your reminders.")

        @OptionGroup var catalogSource: CatalogSource
        @OptionGroup var storeOptions: StoreOptions

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let catalog = try catalogSource.load()
            let (store, _) = try await storeOptions.openStore()
            let reminders = try await store.reminders(profile: storeOptions.person)
            if json { return try printJSON(reminders) }
            guard !reminders.isEmpty else {
                print(
                    "No reminders yet; add one with "
                        + "`limber remind add --routine bedtime-leg-cramps --days daily --time 21:30`.")
                return
            }
            let names = try await RemindCommand.routineNames(
                RoutineLibrary(catalog: catalog, store: store, profile: storeOptions.person))
            print("Reminders (\(reminders.count))")
            for reminder in reminders { print("  \(ReminderText.line(reminder, names: names))") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a reminder by its id.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The id, as `limber remind list` prints it.")
        var id: String

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else {
                throw UserError("id: \"\(id)\" is not accepted; use the id `limber remind list` prints")
            }
            let (store, _) = try await storeOptions.openStore()
            guard try await store.deleteReminder(id: uuid, profile: storeOptions.person) else {
                throw UserError("id: no reminder has the id \(id); nothing was removed")
            }
            print("Removed reminder \(uuid.uuidString.lowercased()).")
        }
    }

    struct Feed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "feed",
            abstract: "Print the calendar feed's secret address, or make a new one, or turn the feed off.",
            discussion: """
                With --public-url (or $LIMBER_PUBLIC_URL), the same address `limber serve` was given, it prints \
                the whole address a phone subscribes to, such as https://limber.home.arpa/calendar/SECRET.ics; \
                without it, the path to add after that address. Anyone with it can read your reminders, so a \
                new address makes the old one stop working.
                """)

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var publicAddress: PublicURLOption

        @Flag(help: "Make a new secret address; the old one stops working.")
        var new = false

        @Flag(help: "Turn the feed off; its address stops working.")
        var revoke = false

        func validate() throws {
            if new && revoke { throw ValidationError("Use --new or --revoke, not both.") }
        }

        func run() async throws {
            let (store, _) = try await storeOptions.openStore()
            if revoke {
                let hadFeed = try await store.calendarFeedToken(profile: storeOptions.person) != nil
                try await store.setCalendarFeedToken(nil, profile: storeOptions.person)
                print(
                    hadFeed ? "The calendar feed is off; its address no longer works." : "There was no calendar feed.")
                return
            }
            if new {
                let token = CalendarFeed.makeToken()
                try await store.setCalendarFeedToken(token, profile: storeOptions.person)
                printAddress(token)
                print("Any older address no longer works.")
                return
            }
            guard let token = try await store.calendarFeedToken(profile: storeOptions.person) else {
                print("No calendar feed yet; make one with `limber remind feed --new`.")
                return
            }
            printAddress(token)
        }

        /// The whole address when the public one is known; else the path, and how to get the rest.
        private func printAddress(_ token: String) {
            let path = CalendarFeed.path(for: token)
            guard let base = publicAddress.url else {
                print(path)
                print(
                    "Add it after the address a phone uses to reach `limber serve`; give that address with "
                        + "--public-url (or $\(PublicURLOption.environmentName)) to see the whole feed address.")
                return
            }
            print(base.url(path: path))
        }
    }
}

/// A reminder as one line a person scans.
enum ReminderText {
    static func line(_ reminder: Reminder, names: [String: String]) -> String {
        [
            names[reminder.routineId] ?? reminder.routineId, ReminderRules.daysText(reminder.weekdays),
            "at " + ReminderRules.timeText(hour: reminder.hour, minute: reminder.minute), reminder.timeZone,
            "[\(reminder.id.uuidString.lowercased())]",
        ].joined(separator: "  ")
    }
}
