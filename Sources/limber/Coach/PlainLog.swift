import LimberCore

/// What a session prints when stdout is not a terminal: one timestamped line per step and cue,
/// e.g. `00:45  Calf stretch at a wall  Right leg · hold 30 s`, for logs and pipes.
enum PlainLog {
    /// As wide as the timestamp and the two spaces after it, for lines that continue an entry.
    static let indent = String(repeating: " ", count: 7)

    static func line(for event: SessionEvent) -> String? {
        switch event {
        case .stepStarted(let step):
            let name = step.exerciseName.map { "\($0)  " } ?? ""
            return "\(TimelineText.clock(step.start))  \(name)\(step.label)"
        case .cue(let cue, _, _) where cue.kind != .countdown:
            return "\(TimelineText.clock(cue.at))    \"\(cue.text)\""
        case .paused: return "paused"
        case .resumed: return "resumed"
        case .finished(let completed): return completed ? "finished" : "stopped early"
        default: return nil
        }
    }
}
