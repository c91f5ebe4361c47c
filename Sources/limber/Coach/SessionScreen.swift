import LimberCore

/// Draws one frame of the full-screen session from where the session stands. Pure, so what a
/// person sees can be checked without a terminal.
struct SessionScreen {
    var timeline: Timeline
    var stepIndex: Int
    /// Seconds into the timeline.
    var offset: Double
    var isPaused: Bool
    var lastCue: String?
    var columns: Int

    /// Whole seconds left in the current step, rounded up so "1" shows during the last second.
    var secondsLeftInStep: Int {
        let step = timeline.steps[stepIndex]
        return max(0, Int((Double(step.end) - offset).rounded(.up)))
    }

    func render() -> String {
        let step = timeline.steps[stepIndex]
        let width = max(20, min(columns, 72))
        var lines: [String] = []
        let title = "Limber · \(timeline.routineName)"
        lines.append(bold(title) + (isPaused ? "   " + inverse(" PAUSED ") : ""))
        lines.append(String(repeating: "─", count: width))
        lines.append(bold(step.exerciseName ?? (step.kind == .done ? "Finished" : "")))
        lines.append(step.label)
        lines.append("")
        if step.kind != .done {
            lines += BigDigits.render(String(secondsLeftInStep)).map { "   " + $0 }
        } else {
            lines.append("   All done.")
        }
        lines.append("")
        let barWidth = max(10, width - 22)
        let stepDone = step.duration == 0 ? 1 : (offset - Double(step.start)) / Double(step.duration)
        let total = Double(timeline.totalSeconds)
        let totalDone = total == 0 ? 1 : offset / total
        lines.append("Step    \(bar(stepDone, width: barWidth))  \(secondsLeftInStep) s left")
        let left = max(0, Int((total - offset).rounded(.up)))
        lines.append("Session \(bar(totalDone, width: barWidth))  \(formatDuration(left)) left")
        lines.append("")
        if let lastCue { lines.append("\"\(lastCue)\"") } else { lines.append("") }
        lines.append("")
        if let next = nextUp { lines.append("Next: \(next)") }
        lines.append("")
        lines.append(dim("space pause · n skip · b back · q quit and save"))
        // Home, then each line cleared to its end, so a shorter frame never leaves old text behind.
        return "\u{1B}[H" + lines.map { $0 + "\u{1B}[K" }.joined(separator: "\r\n") + "\u{1B}[J"
    }

    /// What comes after the current step, named by exercise when the exercise changes.
    var nextUp: String? {
        guard stepIndex + 1 < timeline.steps.count else { return nil }
        let step = timeline.steps[stepIndex]
        let next = timeline.steps[stepIndex + 1]
        if next.kind == .done { return "the end" }
        if next.exerciseId != step.exerciseId, let name = next.exerciseName { return name }
        return next.label
    }

    private func bar(_ fraction: Double, width: Int) -> String {
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded(.down))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "]"
    }

    private func bold(_ text: String) -> String { "\u{1B}[1m\(text)\u{1B}[0m" }
    private func dim(_ text: String) -> String { "\u{1B}[2m\(text)\u{1B}[0m" }
    private func inverse(_ text: String) -> String { "\u{1B}[7m\(text)\u{1B}[0m" }
}
