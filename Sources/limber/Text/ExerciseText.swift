import LimberCore

/// One exercise as a person reads it before doing it: cautions come before the steps.
enum ExerciseText {
    /// `personalDose` is the person's own change to the dose, marked "(your dose)" when it changes anything.
    static func render(_ exercise: Exercise, catalog: Catalog, personalDose: DoseOverride?) -> String {
        var lines = ["\(exercise.name)", exercise.summary, ""]
        let regionNames = exercise.regions.primary.compactMap(catalog.region).map(\.name)
        lines.append("For: \(regionNames.joined(separator: ", "))")
        if !exercise.muscles.isEmpty { lines.append("Muscles: \(exercise.muscles.joined(separator: ", "))") }
        lines.append("Position: \(exercise.position.title)")
        if !exercise.equipment.isEmpty {
            lines.append(
                "You need: \(exercise.equipment.map { $0.rawValue.replacingOccurrences(of: "-", with: " ") }.joined(separator: ", "))"
            )
        }
        let dose = exercise.dose.applying(personalDose)
        if dose == exercise.dose {
            lines.append("Dose: \(dose.summary(sideNoun: exercise.sideNoun))")
        } else {
            lines.append("Dose: \(dose.summary(sideNoun: exercise.sideNoun)) (your dose)")
            lines.append("Limber's dose: \(exercise.dose.summary(sideNoun: exercise.sideNoun))")
        }
        // Said right under the numbers it is about.
        if let chosen = exercise.projectDefaultsSentence { lines.append(chosen) }
        if !exercise.cautions.isEmpty {
            lines += ["", "Before you start:"]
            for caution in exercise.cautions { lines.append("  ! " + caution.displayLine) }
        }
        lines += ["", "Steps:"]
        for (n, step) in exercise.steps.enumerated() { lines.append("  \(n + 1). \(step)") }
        lines += ["", "What you should feel: \(exercise.sensation)"]
        if !exercise.cues.isEmpty { lines.append("Reminders: \(exercise.cues.joined(separator: " "))") }
        if let progression = exercise.progression { lines.append("When it gets easy: \(progression)") }
        lines += ["", "Sources:"]
        for source in exercise.sources { lines.append("  - \(source.citation)") }
        lines += [
            "",
            "Limber guides exercise; it does not diagnose. See a doctor about spasms that last or keep coming back.",
        ]
        return lines.joined(separator: "\n")
    }

    /// The figure's start and held (or moving) poses side by side in braille, or one line saying
    /// what they show where braille cannot show; nil for an exercise without a figure.
    static func figure(_ exercise: Exercise, braille: Bool, columns: Int = 34, rows: Int = 12) -> String? {
        guard let figure = exercise.figure else { return nil }
        let side = figure.drawnSide.map { ", \($0.rawValue) \(exercise.sideNoun) shown" } ?? ""
        guard braille, let drawing = BrailleFigure(exercise) else {
            let names = figure.keyframes.map { Figure.poseName($0.step) }
            return "Figure: \(exercise.position.title)\(side); poses: \(names.joined(separator: ", ")). "
                + "(Figures are drawn in braille, which needs a UTF-8 locale and a terminal that is not TERM=dumb.)"
        }
        // The starting position and the pose that shows the work.
        let shown = ["setup", figure.workingStep]
        let drawings = shown.map { drawing.lines(step: $0, mirrored: false, columns: columns, rows: rows) }
        let height = drawings.map(\.count).max() ?? 0
        let widths = drawings.map { $0.map(\.count).max() ?? 0 }
        var lines: [String] = []
        for row in 0..<height {
            let cells = drawings.enumerated().map { index, drawing in
                // Pad from the bottom up, so both figures stand on the same floor.
                let line = row - (height - drawing.count) >= 0 ? drawing[row - (height - drawing.count)] : ""
                return line + String(repeating: " ", count: widths[index] - line.count)
            }
            lines.append(cells.joined(separator: "    "))
        }
        let captions = shown.enumerated().map { index, step in
            Figure.poseName(step).padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }
        lines.append(captions.joined(separator: "    "))
        return "Figure (\(exercise.position.title)\(side)):\n"
            + lines.map { $0.trimmingTrailingSpaces }.joined(separator: "\n")
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
