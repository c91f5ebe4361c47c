import LimberCore

/// A plan as a short report: what was chosen and why, what to watch for, and what was left out.
enum PlanText {
    static func render(_ plan: Plan) -> String {
        var lines = ["\(plan.routine.name) (\(formatDuration(plan.totalSeconds)))", ""]
        for (n, choice) in plan.chosen.enumerated() {
            lines.append("\(n + 1). \(choice.exerciseName) [\(choice.exerciseId)], \(formatDuration(choice.seconds))")
            for reason in choice.reasons { lines.append("   - \(reason)") }
        }
        if !plan.cautions.isEmpty {
            lines += ["", "Take care:"]
            // As on the region page: a caution for every stretch in the plan needs no names.
            let everyName = Set(plan.chosen.map(\.exerciseName))
            for caution in plan.groupedCautions {
                let names = Set(caution.exerciseNames) == everyName ? "" : "\(caution.exerciseNames.listedWithAnd): "
                lines.append("  ! \(names)\(caution.text)")
            }
        }
        if !plan.leftOut.isEmpty {
            lines += ["", "Left out:"]
            for item in plan.leftOut { lines.append("  - \(item.exerciseName): \(item.reason)") }
        }
        for note in plan.notes { lines.append("Note: \(note)") }
        lines += ["", "Stop if it hurts. See a doctor about a cramp that lasts over 10 minutes or keeps coming back."]
        return lines.joined(separator: "\n")
    }
}
