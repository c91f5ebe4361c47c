import LimberCore

/// One frame of the full-screen session, laid out for a terminal of a given size. A pure
/// function of where the session stands and the size, so what a person sees at 40 x 15 or
/// 200 x 50 can be checked without a terminal.
///
/// What matters most always stays: the exercise, the side and what to do (the step's label),
/// and the countdown. When the terminal is too short, lesser lines go first: spacing, then the
/// help footer, what comes next, the last cue, the progress bars and the title.
struct SessionScreen {
    var timeline: Timeline
    var stepIndex: Int
    /// Seconds into the timeline.
    var offset: Double
    var isPaused: Bool
    var lastCue: String?
    /// Braille figures by exercise id, drawn beside the countdown when the terminal has room;
    /// empty where braille cannot show.
    var figures: [String: BrailleFigure] = [:]

    /// The figure needs this many columns and rows at least to be worth drawing, and the
    /// frame keeps this many beside it.
    static let figureColumns = 22...40
    static let figureRows = 10...18
    static let narrowestBesideFigure = 40

    /// Wider than this, lines are easier to read kept short, so the frame stops growing.
    static let widest = 72

    /// One line of the frame: its text, exactly as wide as it shows, and how it is dressed.
    struct Line: Equatable {
        enum Emphasis: Equatable {
            case none, bold, dim
            /// The title with the paused marker at its end, shown in reverse.
            case titlePaused
        }

        var text: String
        var emphasis: Emphasis = .none
        /// The figure's line drawn to the right of this one, if any.
        var figure: String = ""
    }

    /// Whole seconds left in the current step, rounded up so "1" shows during the last second.
    var secondsLeftInStep: Int {
        let step = timeline.steps[stepIndex]
        return max(0, Int((Double(step.end) - offset).rounded(.up)))
    }

    static let pausedMarker = " PAUSED "

    var footer: String {
        (isPaused ? "space resume" : "space pause") + " · n skip · b back · q quit and save"
    }

    /// The frame as lines, none wider than `width` and no more than `height` of them, with the
    /// exercise's figure at the right when there is room for both.
    func lines(width columns: Int, height rows: Int) -> [Line] {
        let step = timeline.steps[stepIndex]
        let room = columns - Self.narrowestBesideFigure - 3
        guard let id = step.exerciseId, let figure = figures[id], let moves = step.figure,
            let move = FigureMotion.current(moves, at: offset), room >= Self.figureColumns.lowerBound,
            rows >= Self.figureRows.lowerBound
        else { return textLines(width: columns, height: rows) }
        let figureColumns = min(room, Self.figureColumns.upperBound)
        let drawing = figure.lines(
            move: move, progress: move.progress(at: offset), columns: figureColumns,
            rows: min(rows, Self.figureRows.upperBound))
        let textWidth = min(columns - figureColumns - 3, Self.widest)
        var frame = textLines(width: textWidth, height: rows)
        // A fixed column, so the figure stays put as the words beside it change.
        let width = textWidth
        while frame.count < drawing.count { frame.append(Line(text: "")) }
        for (index, line) in drawing.enumerated() {
            frame[index].figure = String(repeating: " ", count: width - frame[index].text.count + 3) + line
        }
        return frame
    }

    private func textLines(width columns: Int, height rows: Int) -> [Line] {
        let width = max(1, min(columns, Self.widest))
        let height = max(1, rows)
        let step = timeline.steps[stepIndex]

        // Each block has a rank, 0 for what must stay; when the frame is too tall, the highest
        // rank goes first: the rule (9), spacing (8), the footer (6), next up (5), the cue (4),
        // the session's progress (3), the step's (2) and the title (1).
        var blocks: [(rank: Int, lines: [Line])] = []
        func add(_ rank: Int, _ lines: [Line]) { blocks.append((rank, lines)) }
        func wrapped(_ text: String, _ emphasis: Line.Emphasis = .none) -> [Line] {
            WordWrap.lines(text, width: width).map { Line(text: $0, emphasis: emphasis) }
        }
        let spacer = [Line(text: "")]

        let title = "Limber · \(timeline.routineName)"
        if isPaused {
            // The marker always shows while paused; the title keeps whatever whole words fit beside it.
            let room = width - Self.pausedMarker.count - 1
            let firstWord = title.split(separator: " ").first.map(String.init) ?? ""
            let shown = room >= firstWord.count ? WordWrap.lines(title, width: room)[0] + " " : ""
            add(1, [Line(text: shown + Self.pausedMarker, emphasis: .titlePaused)])
        } else {
            add(1, [wrapped(title, .bold)[0]])
        }
        add(9, [Line(text: String(repeating: "─", count: width))])
        add(0, wrapped(step.exerciseName ?? (step.kind == .done ? "Finished" : ""), .bold))
        add(0, wrapped(step.label))
        add(8, spacer)
        let countdownIndex = blocks.count
        add(0, countdown(step, width: width, big: true))
        add(8, spacer)
        let total = Double(timeline.totalSeconds)
        let stepLeft = "\(secondsLeftInStep) s left"
        let sessionLeft = formatDuration(max(0, Int((total - offset).rounded(.up)))) + " left"
        // One bar width for both, so the two bars line up however long their numbers are.
        let barWidth = width - 8 - 4 - max(stepLeft.count, sessionLeft.count)
        add(2, progressLine("Step", done: stepFraction, left: stepLeft, barWidth: barWidth, width: width))
        add(
            3,
            progressLine(
                "Session", done: total == 0 ? 1 : offset / total, left: sessionLeft, barWidth: barWidth, width: width))
        if let lastCue {
            add(8, spacer)
            add(4, wrapped("\"\(lastCue)\""))
        }
        // The compiler wrote what comes next, so the web player says the same.
        if let next = step.nextUp {
            add(8, spacer)
            add(5, wrapped("Next: \(next)"))
        }
        add(8, spacer)
        add(6, wrapped(footer, .dim))

        // Too short for the big digits beside the name and side: count down in one line instead.
        let essential = blocks.filter { $0.rank == 0 }.map(\.lines.count).reduce(0, +)
        if essential > height {
            blocks[countdownIndex].lines = countdown(step, width: width, big: false)
        }
        // Keep blocks from the most important down while they fit, then show them in order.
        var kept = Set<Int>()
        var used = 0
        for index in blocks.indices.sorted(by: { (blocks[$0].rank, $0) < (blocks[$1].rank, $1) }) {
            let size = blocks[index].lines.count
            if used + size <= height {
                kept.insert(index)
                used += size
            }
        }
        var frame = blocks.indices.filter(kept.contains).flatMap { blocks[$0].lines }
        // Spacing only separates; it never starts or ends the frame, and never comes twice.
        while frame.first?.text.isEmpty == true { frame.removeFirst() }
        while frame.last?.text.isEmpty == true { frame.removeLast() }
        frame = frame.enumerated().filter { index, line in
            !(line.text.isEmpty && index > 0 && frame[index - 1].text.isEmpty)
        }.map(\.element)
        return Array(frame.prefix(height))
    }

    /// The frame as the terminal draws it: home, then each line cleared to its end, so a shorter
    /// frame never leaves old text behind.
    func render(width: Int, height: Int, style: TerminalStyle) -> String {
        let drawn = lines(width: width, height: height).map { line -> String in
            let text: String
            switch line.emphasis {
            case .none: text = line.text
            case .bold: text = style.bold(line.text)
            case .dim: text = style.dim(line.text)
            case .titlePaused:
                text =
                    style.bold(String(line.text.dropLast(Self.pausedMarker.count))) + style.inverse(Self.pausedMarker)
            }
            return text + line.figure
        }
        return "\u{1B}[H" + drawn.map { $0 + "\u{1B}[K" }.joined(separator: "\r\n") + "\u{1B}[J"
    }

    private var stepFraction: Double {
        let step = timeline.steps[stepIndex]
        return step.duration == 0 ? 1 : (offset - Double(step.start)) / Double(step.duration)
    }

    /// The seconds left in big digits, indented a little, or in one line when `big` is false or
    /// the digits would not fit across.
    private func countdown(_ step: TimelineStep, width: Int, big: Bool) -> [Line] {
        guard step.kind != .done else { return [Line(text: "All done.")] }
        let digits = BigDigits.render(String(secondsLeftInStep))
        let indent = width >= (digits.first?.count ?? 0) + 6 ? "   " : ""
        if big, (digits.first?.count ?? 0) + indent.count <= width {
            return digits.map { Line(text: indent + $0, emphasis: .bold) }
        }
        return [Line(text: "\(secondsLeftInStep) s", emphasis: .bold)]
    }

    /// `Step    [████······]  12 s left`, the bar `barWidth` wide inside its brackets; the words
    /// alone when there is no room for a bar worth reading.
    private func progressLine(
        _ name: String, done fraction: Double, left: String, barWidth: Int, width: Int
    ) -> [Line] {
        let label = name.padding(toLength: 8, withPad: " ", startingAt: 0)
        guard barWidth >= 5 else { return wrappedPlain("\(name): \(left)", width: width) }
        let filled = Int((min(max(fraction, 0), 1) * Double(barWidth)).rounded(.down))
        let bar = "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled) + "]"
        return [Line(text: "\(label)\(bar)  \(left)")]
    }

    private func wrappedPlain(_ text: String, width: Int) -> [Line] {
        WordWrap.lines(text, width: width).map { Line(text: $0) }
    }
}
