import LimberCore

/// A timeline as a table a person can check by hand: when each step starts, how long it lasts,
/// and what is said when.
enum TimelineText {
    /// `heading` replaces the routine's name and time where the screen has already said them.
    static func render(_ timeline: Timeline, heading: String? = nil) -> String {
        var lines = [
            heading
                ?? "\(timeline.routineName): \(formatDuration(timeline.totalSeconds)) in all, \(timeline.steps.count) steps",
            "",
            " start  length  step",
        ]
        for step in timeline.steps {
            let length = step.kind == .done ? "" : formatDuration(step.duration)
            var line = " \(clock(step.start))  \(pad(length, 6))  \(step.label)"
            let spoken = step.cues.filter { $0.kind != .countdown }
            // One cue at the step's start reads best on the step's own line.
            if spoken.count == 1, spoken[0].at == step.start {
                line += "  \"\(spoken[0].text)\""
                lines.append(line)
            } else {
                lines.append(line)
                for cue in spoken { lines.append("          \(clock(cue.at))  \"\(cue.text)\"") }
            }
            let countdown = step.cues.filter { $0.kind == .countdown }
            if let first = countdown.first {
                lines.append("          \(clock(first.at))  3, 2, 1")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// mm:ss, or h:mm:ss past an hour.
    static func clock(_ seconds: Int) -> String {
        let h = seconds / 3600
        let m = (seconds % 3600) / 60
        let s = seconds % 60
        let mmss = "\(m < 10 ? "0" : "")\(m):\(s < 10 ? "0" : "")\(s)"
        return h > 0 ? "\(h):\(mmss)" : mmss
    }
}
