/// How a figure moves during one timeline step: a list of moves from one keyframe to another at
/// exact session times. Players find the move under way and interpolate between its two keyframes'
/// transforms, so the figure is driven by the same clock as the countdown and cannot drift from it.
public struct FigureMove: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    /// Seconds from the start of the session; before `start` the figure shows `from`, after `end` `to`.
    public var start: Double
    public var end: Double
    /// True when the figure is drawn mirrored, for the side the keyframes do not show.
    public var mirrored: Bool

    public init(from: String, to: String, start: Double, end: Double, mirrored: Bool) {
        self.from = from
        self.to = to
        self.start = start
        self.end = end
        self.mirrored = mirrored
    }

    /// How far through the move the figure is at a moment: 0 before it starts, 1 after it ends.
    public func progress(at seconds: Double) -> Double {
        guard end > start else { return seconds >= start ? 1 : 0 }
        return min(1, max(0, (seconds - start) / (end - start)))
    }
}

/// The rules for how a figure moves through each kind of step.
public enum FigureMotion {
    /// Project defaults, not from a source: the get-ready time shows the starting position still
    /// for its first 40 %, then moves into the exercise; a rest or side switch eases out of the
    /// position and back into it over at most 2 s at each end.
    public static let setupStillShare = 0.4
    public static let easeSeconds = 2.0

    /// The moves for one step of an exercise with a figure; `previousSide` is the side of the step
    /// before, for a switch.
    public static func moves(
        for step: TimelineStep, figure: Figure, dose: Dose, previousSide: Side?
    ) -> [FigureMove] {
        func mirrored(_ side: Side?) -> Bool { figure.isMirrored(for: side) }
        let start = Double(step.start)
        let end = Double(step.end)
        let duration = end - start
        // The pose the work starts from: the held stretch, or the last phase of a repetition, so the
        // first phase moves out of it as every later one does.
        let ready: String
        let phases: [String]
        switch dose.work {
        case .hold:
            ready = "hold"
            phases = []
        case .repetitions(_, let list):
            phases = list.map(\.name)
            ready = phases.last ?? "setup"
        }
        let flip = mirrored(step.side)
        switch step.kind {
        case .setup:
            return [
                FigureMove(
                    from: "setup", to: ready, start: start + duration * setupStillShare, end: end, mirrored: flip)
            ]
        case .hold:
            return [FigureMove(from: "hold", to: "hold", start: start, end: end, mirrored: flip)]
        case .phase:
            let name = step.phase ?? ready
            let index = phases.firstIndex(of: name) ?? 0
            let previous = phases.isEmpty ? ready : phases[(index + phases.count - 1) % phases.count]
            return [FigureMove(from: previous, to: name, start: start, end: end, mirrored: flip)]
        case .rest, .switchSides:
            let ease = min(easeSeconds, duration / 2)
            let before = step.kind == .switchSides ? mirrored(previousSide) : flip
            return [
                FigureMove(from: ready, to: "setup", start: start, end: start + ease, mirrored: before),
                FigureMove(from: "setup", to: ready, start: end - ease, end: end, mirrored: flip),
            ]
        case .done:
            return []
        }
    }

    /// A short loop that shows the movement on an exercise's page: into the position and out again
    /// for a hold, one repetition at the dose's own phase times for repetitions. Returns the moves
    /// and the loop's length in seconds. Project default: 1 s still at each end, 2 s each way.
    public static func demo(figure: Figure, dose: Dose) -> (moves: [FigureMove], seconds: Double) {
        switch dose.work {
        case .hold:
            return (
                [
                    FigureMove(from: "setup", to: "hold", start: 1, end: 3, mirrored: false),
                    FigureMove(from: "hold", to: "setup", start: 5, end: 7, mirrored: false),
                ], 8
            )
        case .repetitions(_, let phases):
            guard let last = phases.last?.name else { return ([], 0) }
            var moves = [FigureMove(from: "setup", to: last, start: 1, end: 3, mirrored: false)]
            var now = 3.0
            var previous = last
            for _ in 0..<2 {
                for phase in phases {
                    moves.append(
                        FigureMove(
                            from: previous, to: phase.name, start: now, end: now + Double(phase.seconds),
                            mirrored: false))
                    now += Double(phase.seconds)
                    previous = phase.name
                }
            }
            moves.append(FigureMove(from: previous, to: "setup", start: now, end: now + 2, mirrored: false))
            return (moves, now + 3)
        }
    }

    /// The move under way at a moment: the last one that has started, or the first.
    public static func current(_ moves: [FigureMove], at seconds: Double) -> FigureMove? {
        moves.last { $0.start <= seconds } ?? moves.first
    }
}
