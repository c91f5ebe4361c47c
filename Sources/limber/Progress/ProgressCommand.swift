import ArgumentParser
import Foundation
import LimberCore
import LimberStore

/// `limber progress`: suggestions from the session ratings, and accepting or undoing one.
struct ProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Suggest when to step up or ease off, from how your sessions felt.",
        discussion: """
            A suggestion changes nothing until you accept it; an accepted one becomes your own dose \
            everywhere the exercise is shown or played, and `limber progress undo` takes it back.
            """,
        subcommands: [ProgressListCommand.self, ProgressAcceptCommand.self, ProgressUndoCommand.self],
        defaultSubcommand: ProgressListCommand.self)
}

struct ProgressListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the current suggestions and your own doses.")

    @OptionGroup var catalogSource: CatalogSource
    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print the suggestions as JSON.")
    var json = false

    func run() async throws {
        let catalog = try catalogSource.load()
        let (store, _) = try await storeOptions.openStore()
        let suggestions = try await store.progressionSuggestions(catalog: catalog, profile: storeOptions.person)
        if json { return try printJSON(suggestions) }
        let personal = try await store.personalDoses(profile: storeOptions.person)
        print(ProgressText.render(suggestions, personalDoses: personal, catalog: catalog))
    }
}

struct ProgressAcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept", abstract: "Make a suggested dose your own.")

    @OptionGroup var catalogSource: CatalogSource
    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The suggestion id, as `limber progress` prints it.")
    var suggestionID: String

    func run() async throws {
        let catalog = try catalogSource.load()
        let (store, _) = try await storeOptions.openStore()
        switch try await store.acceptSuggestion(
            id: suggestionID, catalog: catalog, profile: storeOptions.person, now: Date())
        {
        case .accepted(let dose):
            print("Accepted. " + ProgressText.doseLine(dose.exerciseId, override: dose.dose, catalog: catalog))
            print("To go back: limber progress undo \(dose.exerciseId)")
        case .alreadyAccepted(let dose):
            print(
                "Already accepted; nothing changed. "
                    + ProgressText.doseLine(dose.exerciseId, override: dose.dose, catalog: catalog))
        case .adviceOnly(let suggestion):
            throw UserError(
                "suggestion: \"\(suggestion.id)\" is advice only and has no dose to accept: \(suggestion.message)")
        case .notFound:
            throw UserError(
                "suggestion: no current suggestion has the id \"\(suggestionID)\"; run `limber progress` to see them")
        }
    }
}

struct ProgressUndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Go back to the dose before the last accepted change.")

    @OptionGroup var catalogSource: CatalogSource
    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The exercise id, as `limber list` prints it.")
    var exerciseID: String

    func run() async throws {
        let catalog = try catalogSource.load()
        let (store, _) = try await storeOptions.openStore()
        switch try await store.undoPersonalDose(exerciseId: exerciseID, profile: storeOptions.person) {
        case .restored(let dose):
            print("Undone. " + ProgressText.doseLine(exerciseID, override: dose.dose, catalog: catalog))
        case .removed:
            print("Undone. " + ProgressText.doseLine(exerciseID, override: nil, catalog: catalog))
        case .nothingToUndo:
            throw UserError(
                "exercise: \"\(exerciseID)\" has no dose of your own to undo; run `limber progress` to see yours")
        }
    }
}

/// Suggestions and personal doses as a person reads them in the terminal.
enum ProgressText {
    static func render(
        _ suggestions: [ProgressionSuggestion], personalDoses: [PersonalDose], catalog: Catalog
    ) -> String {
        var lines: [String] = []
        if suggestions.isEmpty {
            lines.append(
                "No suggestions now. Rate each exercise at the end of a session (too easy, about right, too hard) "
                    + "and Limber suggests when you may step up or ease off.")
        } else {
            lines.append("Suggestions (nothing changes until you accept one):")
            let overrides = personalDoses.overridesByExercise
            for suggestion in suggestions {
                lines += [""] + block(suggestion, current: overrides[suggestion.exerciseId], catalog: catalog)
            }
        }
        if !personalDoses.isEmpty {
            lines += ["", "Your own doses:"]
            for personal in personalDoses {
                lines.append(
                    "  " + doseLine(personal.exerciseId, override: personal.dose, catalog: catalog)
                        + " Undo: limber progress undo \(personal.exerciseId)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func block(_ suggestion: ProgressionSuggestion, current: DoseOverride?, catalog: Catalog) -> [String] {
        var lines = ["\(suggestion.exerciseName) (\(suggestion.kind.rawValue))", "  \(suggestion.message)"]
        if let proposed = suggestion.proposed,
            let now = catalog.doseSummary(suggestion.exerciseId, override: current),
            let then = catalog.doseSummary(suggestion.exerciseId, override: proposed)
        {
            lines += ["  Now: \(now)", "  Suggested: \(then)", "  Accept: limber progress accept \(suggestion.id)"]
        }
        if let note = suggestion.projectDefaultNote { lines.append("  \(note)") }
        lines.append("  Sources: " + suggestion.sources.map(\.citation).joined(separator: "; "))
        return lines
    }

    /// "Calf stretch at a wall: Hold 40 s; left leg, then right (your dose)."
    static func doseLine(_ exerciseId: String, override: DoseOverride?, catalog: Catalog) -> String {
        let name = catalog.exercise(exerciseId)?.name ?? exerciseId
        let dose = catalog.doseSummary(exerciseId, override: override) ?? "not in the catalog"
        return "\(name): \(dose)\(override == nil ? " (Limber's dose)" : " (your dose)")."
    }

    /// After a session: any suggestions for the exercises just done, each with the command to accept it.
    static func printSuggestions(
        for exerciseIds: Set<String>, store: any Store, person: ProfileID, catalog: Catalog
    ) async throws {
        let suggestions = try await store.progressionSuggestions(catalog: catalog, profile: person).filter {
            exerciseIds.contains($0.exerciseId)
        }
        guard !suggestions.isEmpty else { return }
        print("\nFrom your ratings (nothing changes until you accept):")
        for suggestion in suggestions {
            print("- \(suggestion.message)")
            if suggestion.proposed != nil { print("  Accept: limber progress accept \(suggestion.id)") }
        }
    }
}
