import Foundation
import LimberCore

/// Small, already-formatted values for the templates; Mustache stays logic-less.
struct RegionLink {
    var id: String
    var name: String
    var about: String
    /// "1 stretch", "3 stretches". Stored, since templates read only stored properties.
    var exerciseCountText: String

    init(id: String, name: String, about: String, exerciseCount: Int) {
        self.id = id
        self.name = name
        self.about = about
        exerciseCountText = exerciseCount == 1 ? "1 stretch" : "\(exerciseCount) stretches"
    }
}

struct ExerciseCard {
    var id: String
    var name: String
    var summary: String
    var dose: String
    /// True when the person's own dose replaces the catalog's.
    var isPersonal: Bool
    var position: String
    var isAimedHere: Bool
}

struct RoutineLink {
    var id: String
    var name: String
    /// Nil when the name already says what the routine is for.
    var purpose: String?
    var summary: String
    var totalText: String
    var isCustom: Bool

    /// Timed with the person's own doses, as the player will play it.
    init(_ routine: Routine, isCustom: Bool, compiler: TimelineCompiler) throws {
        id = routine.id
        name = routine.name
        purpose = routine.purposeLabel
        summary = routine.summary
        totalText = formatDuration(try compiler.totalSeconds(of: routine))
        self.isCustom = isCustom
    }
}

struct SourceLine {
    var citation: String
    var url: String
    var hasURL: Bool
}

extension ExerciseCard {
    init(_ exercise: Exercise, regionID: String, compiler: TimelineCompiler) {
        let prescription = compiler.prescription(exercise)
        self.init(
            id: exercise.id, name: exercise.name, summary: exercise.summary,
            dose: prescription.dose.summary(sideNoun: exercise.sideNoun), isPersonal: prescription.isPersonal,
            position: exercise.position.title,
            isAimedHere: exercise.regions.primary.contains(regionID))
    }
}

extension SourceLine {
    init(_ source: Source) {
        self.init(citation: source.citation, url: source.url ?? "", hasURL: source.url != nil)
    }
}

/// One choice in a time zone list.
struct ZoneOption {
    var value: String
    var label: String
    var selected: Bool

    /// Every IANA zone this machine knows, sorted, with `selected` chosen (and listed even if
    /// this machine no longer knows it, so a saved choice never silently changes).
    static func all(selected: String) -> [ZoneOption] {
        Set(TimeZone.knownTimeZoneIdentifiers + (selected.isEmpty ? [] : [selected])).sorted().map {
            ZoneOption(value: $0, label: $0, selected: $0 == selected)
        }
    }
}
