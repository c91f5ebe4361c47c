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
}
