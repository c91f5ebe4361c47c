import Foundation
import LimberCore

// Plays a synthetic timeline of one-second steps, each with one cue at its start, through the real
// SessionRunner on ContinuousClock, and records the lateness the runner reports for every cue.
// Usage: CueTiming [seconds]   (default 600: a 10-minute session, 600 cues)

let seconds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 600 : 600
var steps: [TimelineStep] = []
for i in 0..<seconds {
    steps.append(
        TimelineStep(
            index: i, start: i, duration: 1, kind: .hold, block: i, label: "Step \(i + 1)",
            cues: [Cue(at: i, text: "Cue \(i + 1)", kind: .form)]))
}
steps.append(
    TimelineStep(
        index: seconds, start: seconds, duration: 0, kind: .done, block: seconds, label: "Done",
        cues: [Cue(at: seconds, text: "Done", kind: .done)]))
let timeline = Timeline(routineId: "synthetic", routineName: "Synthetic", totalSeconds: seconds, steps: steps)

final class Recorder: @unchecked Sendable {
    let lock = NSLock()
    var lateness: [(at: Int, late: Duration, wall: Duration)] = []
}
let recorder = Recorder()
let clock = ContinuousClock()
let (commands, continuation) = AsyncStream<SessionCommand>.makeStream()
let start = clock.now
FileHandle.standardError.write(Data("Playing \(seconds + 1) cues over \(seconds) s on ContinuousClock...\n".utf8))
let outcome = await SessionRunner(clock: clock).run(timeline, commands: commands) { event in
    if case .cue(let cue, _, let late) = event {
        // Independent check: when the cue reached us, against the run's own start.
        let wall = (clock.now - start) - .seconds(cue.at)
        recorder.lock.withLock { recorder.lateness.append((cue.at, late, wall)) }
    }
}
continuation.finish()
let total = clock.now - start

func ms(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}
let late = recorder.lateness.map { ms($0.late) }.sorted()
let wall = recorder.lateness.map { ms($0.wall) }
func pct(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}
let firstTen = wall.prefix(10).reduce(0, +) / Double(min(10, wall.count))
let lastTen = wall.suffix(10).reduce(0, +) / Double(min(10, wall.count))
print("cues \(late.count)  complete \(outcome.isComplete)  session \(String(format: "%.3f", ms(total) / 1000)) s")
print(
    String(
        format: "lateness (runner) ms: p50 %.3f  p99 %.3f  max %.3f", pct(late, 0.5), pct(late, 0.99), late.last ?? 0))
print(
    String(
        format: "lateness vs run start ms: first 10 mean %.3f  last 10 mean %.3f  drift %.3f", firstTen, lastTen,
        lastTen - firstTen))
