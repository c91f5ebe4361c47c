import Foundation
import LimberCore

/// Turns session events into what the person sees and hears: the full-screen frame or plain
/// lines, the bell at each new step, and spoken cues.
actor SessionDisplay {
    enum Mode {
        case fullScreen
        case plainLines
    }

    private let timeline: Timeline
    private let mode: Mode
    private let speaker: Speaker?
    private let ringsBell: Bool
    private var stepIndex = 0
    private var offset = 0.0
    private var isPaused = false
    private var lastCue: String?

    init(timeline: Timeline, mode: Mode, speaker: Speaker?, ringsBell: Bool) {
        self.timeline = timeline
        self.mode = mode
        self.speaker = speaker
        self.ringsBell = ringsBell
    }

    func handle(_ event: SessionEvent) {
        switch event {
        case .stepStarted(let step):
            stepIndex = step.index
            offset = Double(step.start)
            if ringsBell && mode == .fullScreen { write("\u{07}") }
        case .cue(let cue, _, _):
            speaker?.speak(cue.text)
            if cue.kind != .countdown { lastCue = cue.text }
        case .paused: isPaused = true
        case .resumed: isPaused = false
        case .progress(let reached, let index, let paused):
            offset = Double(reached.components.seconds) + Double(reached.components.attoseconds) / 1e18
            stepIndex = index
            isPaused = paused
        case .finished: break
        }
        switch mode {
        case .plainLines:
            if let line = PlainLog.line(for: event) { write(line + "\n") }
        case .fullScreen:
            let frame = SessionScreen(
                timeline: timeline, stepIndex: stepIndex, offset: offset, isPaused: isPaused, lastCue: lastCue,
                columns: RawTerminal.shared.size.columns)
            write(frame.render())
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
