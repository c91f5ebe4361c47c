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
    /// The held (or working) pose as a small image; nil without a figure.
    var figureURL: String?
}

struct RoutineLink {
    var id: String
    var name: String
    /// Nil when the name already says what the routine is for.
    var purpose: String?
    var summary: String
    var totalText: String
    var isCustom: Bool

    /// Timed with the person's own doses, as the player will play it. A routine of their own that
    /// can no longer be timed (it names an exercise a later catalog dropped) is still listed, so
    /// one such routine never hides the others; opening it says what is wrong.
    init(_ routine: Routine, isCustom: Bool, compiler: TimelineCompiler) {
        id = routine.id
        name = routine.name
        purpose = routine.purposeLabel
        summary = routine.summary
        totalText = (try? compiler.totalSeconds(of: routine)).map(formatDuration) ?? "cannot be timed"
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
            isAimedHere: exercise.regions.primary.contains(regionID), figureURL: FigureImages.thumbnailURL(exercise))
    }
}

extension SourceLine {
    init(_ source: Source) {
        self.init(citation: source.citation, url: source.url ?? "", hasURL: source.url != nil)
    }
}

/// The `<option>`s of a time zone list, as HTML the templates insert whole (`{{{zoneOptions}}}`).
/// Some 600 zones through Mustache's per-value rendering took most of a page's time, so the list
/// is built once and only the chosen zone is marked per request.
enum ZoneOptions {
    /// Every IANA zone this machine knows, sorted, with `selected` chosen (and listed even if this
    /// machine no longer knows it, so a saved choice never silently changes). `first` goes
    /// before the zones, such as an empty choice for "the server's".
    static func html(selected: String, first: (value: String, label: String)? = nil) -> String {
        var html = first.map { option($0.value, $0.label, selected: selected == $0.value) } ?? ""
        if !selected.isEmpty && !knownSet.contains(selected) { html += option(selected, selected, selected: true) }
        guard knownSet.contains(selected) else { return html + all }
        let plain = option(selected, selected, selected: false)
        return html + all.replacingOccurrences(of: plain, with: option(selected, selected, selected: true))
    }

    private static func option(_ value: String, _ label: String, selected: Bool) -> String {
        "<option value=\"\(HTMLText.escape(value))\"\(selected ? " selected" : "")>\(HTMLText.escape(label))</option>"
    }

    /// Read once: listing the zones reads the system's time zone database.
    private static let known = TimeZone.knownTimeZoneIdentifiers.sorted()
    private static let knownSet = Set(known)
    private static let all = known.map { option($0, $0, selected: false) }.joined()
}
