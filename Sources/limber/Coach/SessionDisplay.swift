import Foundation
import LimberCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
    private let style: TerminalStyle
    private var stepIndex = 0
    private var offset = 0.0
    private var isPaused = false
    private var lastCue: String?
    private let figures: [String: BrailleFigure]

    init(
        timeline: Timeline, mode: Mode, speaker: Speaker?, ringsBell: Bool,
        style: TerminalStyle = .standardOutput(), figures: [String: BrailleFigure] = [:]
    ) {
        self.timeline = timeline
        self.figures = figures
        self.style = style
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
            offset = reached.inSeconds
            stepIndex = index
            isPaused = paused
        case .finished: break
        }
        switch mode {
        case .plainLines:
            guard let line = PlainLog.line(for: event) else { break }
            // In a terminal that cannot draw a screen (TERM=dumb), lines break between words at its
            // width; in a pipe or a file they stay whole, one entry a line, for whatever reads them.
            if isatty(STDOUT_FILENO) == 1 {
                let width = RawTerminal.shared.size.columns
                write(
                    WordWrap.lines(line, width: width, continuationIndent: PlainLog.indent).joined(separator: "\n")
                        + "\n")
            } else {
                write(line + "\n")
            }
        case .fullScreen:
            let frame = SessionScreen(
                timeline: timeline, stepIndex: stepIndex, offset: offset, isPaused: isPaused, lastCue: lastCue,
                figures: figures)
            // Asked at every frame, so a resized window is laid out again at its new size.
            let size = RawTerminal.shared.size
            write(frame.render(width: size.columns, height: size.rows, style: style))
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
