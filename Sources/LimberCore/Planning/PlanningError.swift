/// Why a plan or a timeline could not be made, in words a person can act on.
public enum PlanningError: Error, Sendable, Equatable, CustomStringConvertible {
    case noRegion
    case unsupportedRegion(String, supported: [String])
    case unknownRoutine(String, known: [String])
    case unknownExercise(String)
    /// The time budget is outside `PlanRequest.acceptedMinutes`.
    case minutesOutOfRange(Int, accepted: ClosedRange<Int>)
    /// The time budget is shorter than the shortest suitable exercise.
    case budgetTooSmall(budgetSeconds: Int, shortestSeconds: Int, shortestName: String)
    /// Every exercise for the regions was ruled out by the constraints.
    case nothingSuitable(regions: [String], reasons: [String])

    /// The request field the error is about, as the CLI's flags and the query parameters name it
    /// (`region`); nil when no one field is to blame.
    public var field: String? {
        switch self {
        case .noRegion, .unsupportedRegion: "region"
        case .minutesOutOfRange, .budgetTooSmall: "minutes"
        case .unknownRoutine: "routine"
        case .unknownExercise: "exercise"
        case .nothingSuitable: nil
        }
    }

    /// The sentence with the field named as a front end names it, such as `regions` for a JSON
    /// body (`{"regions": [...]}`).
    public func description(naming names: [String: String]) -> String {
        guard let field else { return detail }
        return "\(names[field] ?? field): \(detail)"
    }

    public var description: String { description(naming: [:]) }

    /// What is wrong and what to do, after the field's name.
    private var detail: String {
        switch self {
        case .noRegion:
            return "name at least one region to plan for"
        case .unsupportedRegion(let id, let supported):
            return "\"\(id)\" is not a region Limber covers; choose one of: \(supported.joined(separator: ", "))"
        case .unknownRoutine(let id, let known):
            return "no routine has the id \"\(id)\"; known routines: \(known.joined(separator: ", "))"
        case .unknownExercise(let id):
            return "no exercise has the id \"\(id)\""
        case .minutesOutOfRange(let minutes, let accepted):
            return "\"\(minutes)\" is not accepted; use a whole number of minutes from "
                + "\(accepted.lowerBound) to \(accepted.upperBound) (a project default)"
        case .budgetTooSmall(let budget, let shortest, let name):
            return "\(formatDuration(budget)) is too short for any suitable exercise; "
                + "the shortest, \(name), takes \(formatDuration(shortest)). Allow more time."
        case .nothingSuitable(let regions, let reasons):
            return "No exercise for \(regions.joined(separator: ", ")) suits the constraints given: "
                + reasons.joined(separator: "; ")
        }
    }
}

/// "45 s", "3 min", "2 min 30 s": durations as people read them.
public func formatDuration(_ seconds: Int) -> String {
    if seconds < 60 { return "\(seconds) s" }
    let minutes = seconds / 60
    let rest = seconds % 60
    return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
}
