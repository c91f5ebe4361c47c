import LimberCore
import Testing

@testable import limber

/// The full-screen session's layout at the sizes people use, from a phone-sized terminal to a
/// wide monitor, checked on the lines a person would read.
@Suite("The session screen at any size")
struct SessionScreenTests {
    static let timeline = try! TimelineCompiler(catalog: try! CatalogLoader.load())
        .compile(try! CatalogLoader.load().routine("seed-full")!)
    static let sizes = [(40, 15), (80, 24), (200, 50)]
    static let longCue =
        "Keep the back knee straight and the heel on the floor; lean in only until you feel mild tension."

    /// A frame at the middle of `step`, with a long cue showing, paused or not.
    static func screen(_ step: TimelineStep, isPaused: Bool = false) -> SessionScreen {
        SessionScreen(
            timeline: timeline, stepIndex: step.index, offset: Double(step.start) + Double(step.duration) / 2,
            isPaused: isPaused, lastCue: longCue)
    }

    /// The words of a frame, so a test can tell a whole word from part of one.
    static func words(_ lines: [SessionScreen.Line]) -> [Substring] {
        lines.flatMap { $0.text.split(separator: " ") }
    }

    @Test(
        "At 40x15, 80x24 and 200x50 every step shows its exercise, side and countdown, with every line within the width",
        arguments: sizes)
    func essentialsStay(width: Int, height: Int) {
        for step in Self.timeline.steps where step.kind != .done {
            for isPaused in [false, true] {
                let screen = Self.screen(step, isPaused: isPaused)
                let lines = screen.lines(width: width, height: height)
                let context = "\(width)x\(height) step \(step.index) \(step.label)"
                #expect(lines.count <= height, "\(context)")
                #expect(lines.allSatisfy { $0.text.count <= width }, "\(context)")
                let words = Self.words(lines)
                for word in (step.exerciseName ?? "").split(separator: " ") + step.label.split(separator: " ") {
                    #expect(words.contains(word), "\(context): \"\(word)\" is whole on screen")
                }
                if let side = step.side {
                    #expect(lines.contains { $0.text.lowercased().contains(side.rawValue) }, "\(context)")
                }
                // The countdown in big digits, row by row.
                let digits = BigDigits.render(String(screen.secondsLeftInStep))
                #expect(
                    digits.allSatisfy { row in lines.contains { $0.text.hasSuffix(row) } }, "\(context): big countdown")
            }
        }
    }

    @Test("No word is cut at the edge: the long cue wraps at spaces at 40, 80 and 200 columns", arguments: sizes)
    func wordsWrapWhole(width: Int, height: Int) {
        let step = Self.timeline.steps[3]
        let lines = Self.screen(step).lines(width: width, height: 50)
        let words = Self.words(lines)
        for word in "\"\(Self.longCue)\"".split(separator: " ") {
            #expect(words.contains(word), "\(width) columns: \"\(word)\" whole")
        }
    }

    @Test("When 15 rows are too few, the help footer, next up and cue go before anything that matters")
    func lesserLinesGoFirst() {
        let step = Self.timeline.steps[3]
        let tall = Self.screen(step).lines(width: 40, height: 40).map(\.text)
        let short = Self.screen(step).lines(width: 40, height: 15).map(\.text)
        #expect(tall.contains { $0.hasPrefix("space pause") }, "the footer shows when there is room")
        #expect(tall.contains { $0.hasPrefix("Next: ") })
        #expect(tall.count > 15, "this frame does not fit in 15 rows")
        #expect(!short.contains { $0.hasPrefix("space pause") }, "the footer went first")
        #expect(short.contains { $0.hasPrefix("Step ") }, "the step's progress stayed")
        let tiny = Self.screen(step).lines(width: 40, height: 6).map(\.text)
        #expect(tiny.count <= 6)
        #expect(tiny.contains("\(Self.screen(step).secondsLeftInStep) s"), "too short for big digits: one line")
        #expect(tiny.contains(step.label))
    }

    @Test("While paused the title says PAUSED and the footer says space resume, not space pause")
    func pausedFooter() {
        let step = Self.timeline.steps[3]
        let paused = Self.screen(step, isPaused: true).lines(width: 80, height: 24).map(\.text)
        #expect(paused.contains { $0.hasPrefix("space resume · n skip") })
        #expect(!paused.contains { $0.contains("space pause") })
        #expect(paused.first?.hasSuffix(SessionScreen.pausedMarker) == true)
        let narrow = Self.screen(step, isPaused: true).lines(width: 40, height: 15).map(\.text)
        #expect(narrow.first?.hasSuffix(SessionScreen.pausedMarker) == true, "the marker stays at 40 columns")
        let running = Self.screen(step).lines(width: 80, height: 24).map(\.text)
        #expect(running.contains { $0.hasPrefix("space pause · n skip") })
    }

    @Test("Next up is the line the timeline carries, so the terminal and the web player say the same")
    func nextUpFromTimeline() throws {
        let lastCalf = try #require(Self.timeline.steps.last { $0.exerciseId == "calf-stretch-wall" })
        let shown = Self.screen(lastCalf).lines(width: 80, height: 40).map(\.text)
        #expect(shown.contains("Next: Seated hamstring stretch"))

        var changed = Self.timeline
        changed.steps[lastCalf.index].nextUp = "a line only the timeline has"
        let frame = SessionScreen(
            timeline: changed, stepIndex: lastCalf.index, offset: Double(lastCalf.start), isPaused: false,
            lastCue: nil)
        #expect(frame.lines(width: 80, height: 40).map(\.text).contains("Next: a line only the timeline has"))
        let end = SessionScreen(
            timeline: Self.timeline, stepIndex: Self.timeline.steps.count - 1,
            offset: Double(Self.timeline.totalSeconds),
            isPaused: false, lastCue: nil)
        #expect(
            !end.lines(width: 80, height: 40).contains { $0.text.hasPrefix("Next:") }, "nothing is next after the end")
    }

    @Test("At 200 columns the frame keeps a readable width instead of stretching across the screen")
    func wideTerminal() {
        let lines = Self.screen(Self.timeline.steps[3]).lines(width: 200, height: 50)
        #expect(lines.allSatisfy { $0.text.count <= SessionScreen.widest })
        #expect(lines.contains { $0.text == String(repeating: "─", count: SessionScreen.widest) })
    }

    @Test("The drawn frame uses escapes only for emphasis the terminal shows")
    func renderUsesStyle() {
        let screen = Self.screen(Self.timeline.steps[3], isPaused: true)
        let plain = screen.render(width: 80, height: 24, style: .plain)
        #expect(
            !plain.replacingOccurrences(of: "\u{1B}[H", with: "").replacingOccurrences(of: "\u{1B}[K", with: "")
                .replacingOccurrences(of: "\u{1B}[J", with: "").contains("\u{1B}["))
        let styled = screen.render(width: 80, height: 24, style: .init(understandsEscapes: true, usesColour: true))
        #expect(styled.contains("\u{1B}[7m PAUSED \u{1B}[0m"))
    }
}

@Suite("Words wrap at spaces")
struct WordWrapTests {
    @Test("Lines break between words and each stays within the width")
    func wrapsAtSpaces() {
        let lines = WordWrap.lines("Keep the back knee straight and the heel down", width: 12)
        #expect(lines == ["Keep the", "back knee", "straight and", "the heel", "down"])
    }

    @Test("Only a word longer than the whole width is split")
    func splitsOnlyOverlongWords() {
        #expect(WordWrap.lines("a gastrocnemius b", width: 6) == ["a", "gastro", "cnemiu", "s b"])
        #expect(WordWrap.lines("", width: 10) == [""])
    }

    @Test("A wrapped timestamped line continues indented under its text, still breaking between words")
    func hangingIndent() {
        let lines = WordWrap.lines(
            "00:10  Calf stretch at a wall  Left leg · hold 30 s", width: 24, continuationIndent: PlainLog.indent)
        #expect(lines == ["00:10  Calf stretch at a", "       wall  Left leg ·", "       hold 30 s"])
    }
}

@Suite("Terminal style: colour where it shows, none where it cannot or is not wanted")
struct TerminalStyleTests {
    @Test("A colour terminal shows urgent text bold red and see-a-doctor text bold yellow")
    func colourTerminal() {
        let style = TerminalStyle(isTerminal: true, environment: ["TERM": "xterm-256color"])
        #expect(style.urgent("Call 999 now.") == "\u{1B}[1;31mCall 999 now.\u{1B}[0m")
        #expect(style.seeDoctor("See a doctor.") == "\u{1B}[1;33mSee a doctor.\u{1B}[0m")
    }

    @Test("NO_COLOR keeps the words bold but drops the colour")
    func noColour() {
        let style = TerminalStyle(isTerminal: true, environment: ["TERM": "xterm-256color", "NO_COLOR": "1"])
        #expect(style.urgent("Call 999 now.") == "\u{1B}[1mCall 999 now.\u{1B}[0m")
        #expect(!style.seeDoctor("See a doctor.").contains("33m"))
    }

    @Test("TERM=dumb, no TERM, or output that is not a terminal get the words alone")
    func noEscapes() {
        for style in [
            TerminalStyle(isTerminal: true, environment: ["TERM": "dumb"]),
            TerminalStyle(isTerminal: true, environment: [:]),
            TerminalStyle(isTerminal: false, environment: ["TERM": "xterm-256color"]),
        ] {
            #expect(style.urgent("Call 999 now.") == "Call 999 now.")
            #expect(style.seeDoctor("See a doctor.") == "See a doctor.")
            #expect(!style.canDrawFullScreen)
        }
    }
}
