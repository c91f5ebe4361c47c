import Foundation
import LimberCore
import Testing

@testable import limber

/// The terminal shows every stretch too: in braille where it can, in words where it cannot.
@Suite("Figures in the terminal")
struct FigureCommandTests {
    static let catalog = try! CatalogLoader.load()

    @Test("limber show draws the start and the stretch in braille in a UTF-8 terminal")
    func showDrawsBraille() throws {
        let run = try CLI.run(["show", "calf-stretch-wall"], environment: ["LANG": "C.UTF-8", "TERM": "xterm"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Figure (standing, left leg shown):"))
        let braille = run.stdout.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count
        #expect(braille > 50, "the figure is drawn in braille")
        #expect(run.stdout.contains("Start") && run.stdout.contains("Stretch"))
    }

    @Test(
        "With TERM=dumb or a locale that is not UTF-8, the figure is one line of words and no braille",
        arguments: [
            ["LANG": "C.UTF-8", "TERM": "dumb"], ["LANG": "C", "LC_ALL": "", "LC_CTYPE": "", "TERM": "xterm"],
        ])
    func showWithoutBraille(environment: [String: String]) throws {
        let run = try CLI.run(["show", "mid-trap-raise"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
        #expect(run.stdout.contains("Figure: lying face down; poses: Start, Raise, Lower."))
        #expect(run.stdout.contains("needs a UTF-8 locale and a terminal that is not TERM=dumb"))
    }

    @Test(
        "limber show --svg prints one pose as an image, the same bytes in every process; a pose it does not have is one line naming those it has"
    )
    func showSVG() throws {
        let run = try CLI.run(["show", "cat-stretch", "--svg", "--step", "round"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        // Each process seeds its dictionaries differently, so only a second process shows the drawing
        // depends on nothing but the pose.
        #expect(try CLI.run(["show", "cat-stretch", "--svg", "--step", "round"]).stdout == run.stdout)
        let working = try CLI.run(["show", "cat-stretch", "--svg"])
        #expect(working.stdout.contains("Figure of Cat stretch: round."), "without --step, the first phase")
        let noSVG = try CLI.run(["show", "cat-stretch", "--step", "round"])
        #expect(noSVG.status == 2)
        #expect(noSVG.stderr == "limber: --step: only with --svg, which draws one pose\n")
        let bad = try CLI.run(["show", "cat-stretch", "--svg", "--step", "hold"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "limber: --step: cat-stretch has no pose \"hold\"; use one of setup, round, sink\n")
    }

    @Test("A wide terminal draws the moving figure beside the countdown; a narrow one keeps the words alone")
    func sessionScreenFigure() throws {
        let timeline = try TimelineCompiler(catalog: Self.catalog).compile(
            try #require(Self.catalog.routine("seed-full")))
        let figures = Dictionary(uniqueKeysWithValues: Self.catalog.exercises.map { ($0.id, BrailleFigure($0)!) })
        let hold = try #require(timeline.steps.first { $0.kind == .hold })
        let screen = SessionScreen(
            timeline: timeline, stepIndex: hold.index, offset: Double(hold.start) + 5, isPaused: false, lastCue: nil,
            figures: figures)
        let wide = screen.lines(width: 120, height: 30)
        let drawn = wide.map(\.figure).joined()
        #expect(drawn.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille beside the frame")
        #expect(wide.allSatisfy { $0.text.count + $0.figure.count <= 120 })
        let narrow = screen.lines(width: 40, height: 15)
        #expect(narrow.allSatisfy { $0.figure.isEmpty }, "at 40 columns the countdown keeps the room")
        // The figure moves with the clock: the get-ready step draws different poses early and late.
        let setup = try #require(timeline.steps.first { $0.kind == .setup })
        func frame(_ offset: Double) -> String {
            SessionScreen(
                timeline: timeline, stepIndex: setup.index, offset: offset, isPaused: false, lastCue: nil,
                figures: figures
            ).lines(width: 120, height: 30).map(\.figure).joined(separator: "\n")
        }
        #expect(frame(Double(setup.start) + 1) != frame(Double(setup.end) - 0.1))
    }

    @Test("limber handout writes a self-contained page with every exercise, its figures and the warning signs")
    func handoutFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("limber-handout-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("calf.html").path
        let run = try CLI.run(
            ["handout", "relief-calf", "--output", path],
            environment: ["LIMBER_DATABASE": folder.appendingPathComponent("l.sqlite").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Wrote the handout for Quick relief: calf"))
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<style>") && html.contains("<svg viewBox="))
        #expect(!html.contains("/figures/") && !html.contains("<link"), "nothing to fetch")
        #expect(html.contains("1. Calf stretch at a wall") && html.contains("Warning signs"))
        let missing = try CLI.run(
            ["handout", "no-such-routine"],
            environment: ["LIMBER_DATABASE": folder.appendingPathComponent("l.sqlite").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-routine"))
        let unwritable = try CLI.run(
            ["handout", "relief-calf", "--output", "/proc/limber/x.html"],
            environment: ["LIMBER_DATABASE": folder.appendingPathComponent("l.sqlite").path])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.hasPrefix("limber: --output: cannot write \"/proc/limber/x.html\""))
    }
}
