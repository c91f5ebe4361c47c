extension Dose {
    /// The dose in one line a person can check: "Hold 15 s, 3 times, 5 s rest; right side, then left".
    public func summary(sideNoun: String) -> String {
        var parts: [String] = []
        switch work {
        case .hold(let seconds):
            parts.append("Hold \(seconds) s")
        case .repetitions(let count, let phases):
            let rhythm = phases.map { "\($0.name) \($0.seconds) s" }.joined(separator: ", ")
            parts.append("\(count) repetitions (\(rhythm))")
        }
        if sets > 1 { parts.append("\(sets) times") }
        if sets > 1 && restSeconds > 0 { parts.append("\(restSeconds) s rest") }
        var text = parts.joined(separator: ", ")
        switch sides.count {
        case 0: break
        case 1: text += "; \(sides[0].rawValue) \(sideNoun) only"
        default:
            text +=
                "; "
                + sides.enumerated().map { $0 == 0 ? "\($1.rawValue) \(sideNoun)" : "then \($1.rawValue)" }
                .joined(separator: ", ")
        }
        return text
    }
}

extension Catalog {
    /// The exercise's dose with the person's own change applied, in one line, as the terminal and
    /// the diary page both show it; nil when the catalog has no such exercise.
    public func doseSummary(_ exerciseId: String, override: DoseOverride?) -> String? {
        guard let exercise = exercise(exerciseId) else { return nil }
        return exercise.dose.applying(override).summary(sideNoun: exercise.sideNoun)
    }
}
