import Foundation
import Testing

@testable import LimberCore

/// Every exercise has a figure that passes the pose checks, and a figure that breaks one is refused
/// with its file, JSON path and fix, like any other catalog mistake.
@Suite("Figures: pose data checked like the catalog, drawn the same way every time")
struct FigureTests {
    let catalog: Catalog

    init() throws {
        catalog = try CatalogLoader.load()
    }

    /// The bundled catalog as JSON with one exercise's figure edited, loaded as a user would load it.
    func errorFor(_ id: String, _ edit: (inout [String: Any]) -> Void) throws -> CatalogError? {
        var object = try #require(JSONSerialization.jsonObject(with: CatalogLoader.bundledData()) as? [String: Any])
        var exercises = try #require(object["exercises"] as? [[String: Any]])
        let index = try #require(exercises.firstIndex { $0["id"] as? String == id })
        var figure = try #require(exercises[index]["figure"] as? [String: Any])
        edit(&figure)
        exercises[index]["figure"] = figure
        object["exercises"] = exercises
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try CatalogLoader.merge([("catalog.json", CatalogLoader.decode(data, name: "catalog.json"))])
            return nil
        } catch {
            return error
        }
    }

    /// The same, editing one keyframe.
    func errorFor(_ id: String, keyframe: Int, _ edit: @escaping (inout [String: Any]) -> Void) throws -> CatalogError?
    {
        try errorFor(id) { figure in
            var keyframes = figure["keyframes"] as! [[String: Any]]
            edit(&keyframes[keyframe])
            figure["keyframes"] = keyframes
        }
    }

    func index(of id: String) -> Int { catalog.exercises.firstIndex { $0.id == id }! }

    @Test("Every exercise in the catalog has a figure with a keyframe for each of its steps")
    func everyExerciseHasAFigure() throws {
        for exercise in catalog.exercises {
            let figure = try #require(exercise.figure, "\(exercise.id) has no figure")
            let names = figure.keyframes.map(\.step)
            switch exercise.dose.work {
            case .hold: #expect(names.sorted() == ["hold", "setup"], "\(exercise.id)")
            case .repetitions(_, let phases):
                #expect(Set(names) == Set(["setup"] + phases.map(\.name)), "\(exercise.id)")
            }
            if !exercise.dose.sides.isEmpty {
                #expect(figure.drawnSide.map(exercise.dose.sides.contains) == true, "\(exercise.id) draws no side")
            }
        }
    }

    @Test("A keyframe named after a step the exercise does not have is refused, naming the steps it has")
    func keyframeForAMissingStep() throws {
        let error = try errorFor("calf-stretch-wall", keyframe: 1) { $0["step"] = "raise" }
        #expect(
            error?.description
                == "catalog.json: exercises[\(index(of: "calf-stretch-wall"))].figure.keyframes[1].step: must name a step of "
                + "this exercise's timeline (setup, hold), got \"raise\"")
    }

    @Test("A figure without the held pose is refused")
    func missingKeyframe() throws {
        let error = try errorFor("calf-stretch-wall") { figure in
            figure["keyframes"] = Array((figure["keyframes"] as! [[String: Any]]).prefix(1))
        }
        #expect(error?.message == "needs a keyframe for the step \"hold\"")
    }

    @Test("A knee bent past its normal range is refused with the range and the way to allow it")
    func angleOutOfRange() throws {
        let error = try errorFor("calf-stretch-wall", keyframe: 0) { keyframe in
            var angles = keyframe["angles"] as! [String: Any]
            angles["near.knee"] = 170
            keyframe["angles"] = angles
        }
        #expect(error?.path == "exercises[\(index(of: "calf-stretch-wall"))].figure.keyframes[0].angles.near.knee")
        #expect(error?.message.hasPrefix("170° is outside the normal range of 0° to 135°") == true)
        #expect(error?.message.contains("beyondRange") == true)
    }

    @Test("The prayer pose may fold its knees deeper because it says why; without the reason it may not")
    func beyondRangeNeedsItsReason() throws {
        let prayer = try #require(catalog.exercise("prayer-pose")?.figure)
        #expect(!prayer.beyondRange.isEmpty)
        let error = try errorFor("prayer-pose") { $0["beyondRange"] = [String: String]() }
        #expect(error?.message.contains("is outside the normal range") == true)
    }

    @Test("Allowing a joint past its range that no keyframe takes there is refused")
    func unusedAllowance() throws {
        let error = try errorFor("calf-stretch-wall") { $0["beyondRange"] = ["near.elbow": "no reason"] }
        #expect(error?.message == "no keyframe takes near.elbow past its normal range; remove it")
    }

    @Test("An angle for a joint the view does not have is refused with the joints it has")
    func unknownJoint() throws {
        let error = try errorFor("calf-stretch-wall", keyframe: 0) { keyframe in
            keyframe["angles"] = ["near.tail": 10]
        }
        #expect(error?.message.hasPrefix("is not a joint of a side view; use one of trunk, spine, neck") == true)
    }

    @Test("A heel said to touch the floor that floats above it is refused with the gap")
    func contactOffTheFloor() throws {
        let error = try errorFor("calf-stretch-wall", keyframe: 0) { keyframe in
            var angles = keyframe["angles"] as! [String: Any]
            angles["far.knee"] = 60
            angles["far.hip"] = 30
            keyframe["angles"] = angles
        }
        let message = try #require(error?.message)
        #expect(message.contains("away from the floor"), "\(message)")
        #expect(
            error?.path.hasPrefix("exercises[\(index(of: "calf-stretch-wall"))].figure.keyframes[0].contacts[") == true)
    }

    @Test("A body part pushed below the floor is refused")
    func belowTheFloor() throws {
        let error = try errorFor("seated-hamstring-stretch", keyframe: 0) { keyframe in
            var angles = keyframe["angles"] as! [String: Any]
            angles["near.shoulder"] = 0
            angles["far.shoulder"] = 0
            keyframe["angles"] = angles
            keyframe["contacts"] = ["pelvis@mat"]
        }
        #expect(error?.message.contains("below the floor") == true, "\(String(describing: error))")
    }

    @Test("Hands that go through the wall are refused")
    func throughTheWall() throws {
        let error = try errorFor("calf-stretch-wall", keyframe: 0) { keyframe in
            keyframe["anchor"] = ["point": "near.heel", "x": 90]
        }
        let message = try #require(error?.message)
        #expect(message.contains("goes") && message.contains("into the wall"), "\(message)")
    }

    @Test("A number too large to mean anything is refused, not drawn")
    func absurdNumbers() throws {
        let angle = try errorFor("calf-stretch-wall", keyframe: 0) { keyframe in
            keyframe["angles"] = ["near.knee": 1e300]
        }
        #expect(angle?.message == "must be an angle from -360 to 360 degrees")
        let prop = try errorFor("calf-stretch-wall") { $0["props"] = [["kind": "wall", "x": 1e300]] }
        #expect(prop?.path.hasSuffix("figure.props[0].x") == true)
    }

    @Test("The working pose is the stretch, or a repetition's first phase")
    func workingPose() throws {
        #expect(catalog.exercise("calf-stretch-wall")?.figure?.workingStep == "hold")
        #expect(catalog.exercise("mid-trap-raise")?.figure?.workingStep == "raise")
        #expect(catalog.exercise("cat-stretch")?.figure?.workingStep == "round")
    }

    @Test("A figure moved out of its frame is refused")
    func outsideTheFrame() throws {
        let error = try errorFor("seated-hamstring-stretch", keyframe: 0) { keyframe in
            var anchor = keyframe["anchor"] as! [String: Any]
            anchor["x"] = 400
            keyframe["anchor"] = anchor
        }
        #expect(error?.message.contains("outside the frame") == true, "\(String(describing: error))")
    }

    @Test("An exercise done on each side must say which side its figure shows")
    func sidedNeedsDrawnSide() throws {
        let error = try errorFor("calf-stretch-wall") { $0["drawnSide"] = nil }
        #expect(error?.message.hasPrefix("must be a side the exercise is done on (it is done on each side)") == true)
    }

    @Test("Equipment the exercise needs must be drawn")
    func equipmentIsDrawn() throws {
        let error = try errorFor("calf-stretch-wall") { $0["props"] = [[String: Any]]() }
        #expect(error?.message.hasPrefix("must draw the wall the exercise needs") == true)
    }

    @Test("A highlight must name a segment of the body")
    func highlightNamesASegment() throws {
        let error = try errorFor("calf-stretch-wall") { $0["highlight"] = ["near.calf"] }
        #expect(error?.message.contains("got \"near.calf\"") == true)
    }

    @Test("An image names its pose and side and, on its own, the steps; the stretched part is marked")
    func imageText() throws {
        let exercise = try #require(catalog.exercise("calf-stretch-wall"))
        let renderer = try #require(FigureRenderer(exercise))
        let svg = renderer.svg(step: "hold", side: .left, standalone: true)
        #expect(
            svg.contains(
                "<title id=\"fig-calf-stretch-wall-hold-left\">Figure of Calf stretch at a wall: stretch, left leg."))
        #expect(svg.contains("Stand facing a wall"))
        #expect(
            !renderer.svg(step: "hold", side: .left, standalone: false).contains("Stand facing a wall"),
            "a page prints the steps beside it")
        #expect(svg.contains("class=\"h\""), "the calf is highlighted")
        #expect(svg.contains("<style>"), "a standalone image carries its colours")
        #expect(!svg.contains("data-poses"))
        #expect(renderer.svg(step: "setup", side: .left, standalone: true) != svg)
    }

    @Test("The other side is the same drawing mirrored, and an exercise for both sides at once is never mirrored")
    func mirroring() throws {
        let calf = try #require(catalog.exercise("calf-stretch-wall").flatMap(FigureRenderer.init))
        let left = calf.svg(step: "hold", side: .left, standalone: false)
        let right = calf.svg(step: "hold", side: .right, standalone: false)
        #expect(!left.contains("transform=\"matrix(-1"))
        #expect(right.contains("transform=\"matrix(-1 0 0 1 "))
        let cat = try #require(catalog.exercise("cat-stretch").flatMap(FigureRenderer.init))
        #expect(!cat.isMirrored(for: .right) && !cat.isMirrored(for: .left) && !cat.isMirrored(for: nil))
    }

    @Test("A moving figure carries five numbers per node for every keyframe, and each node is an element to move")
    func motionData() throws {
        let exercise = try #require(catalog.exercise("mid-trap-raise"))
        let svg = try #require(FigureRenderer(exercise)).liveHTML(step: "raise", id: "f")
        let scene = FigureScene(try #require(exercise.figure))
        let start = try #require(svg.range(of: "data-poses=\""))
        let rest = svg[start.upperBound...]
        let json = String(rest[..<rest.firstIndex(of: "\"")!]).replacingOccurrences(of: "&quot;", with: "\"")
        let poses = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [Double]])
        #expect(Set(poses.keys) == ["setup", "raise", "lower"])
        for (_, numbers) in poses { #expect(numbers.count == scene.skeleton.nodes.count * 5) }
        #expect(poses["raise"] != poses["lower"], "the arms move between the phases")
        #expect(svg.components(separatedBy: "<div class=\"fig-n\" data-n=").count - 1 == scene.skeleton.nodes.count)
        #expect(svg.contains("role=\"img\" aria-labelledby=\"f-t\""))
    }

    @Test("Get-ready moves into the hold after a still start; holds stay still; switches mirror for the new side")
    func motionFollowsTheTimeline() throws {
        let routine = Routine(
            id: "t", name: "T", purpose: .relief, summary: "T", regions: [],
            items: [.init(exerciseId: "calf-stretch-wall")])
        let timeline = try TimelineCompiler(catalog: catalog).compile(routine)
        let setup = try #require(timeline.steps.first)
        #expect(setup.kind == .setup)
        let moves = try #require(setup.figure)
        #expect(moves == [FigureMove(from: "setup", to: "hold", start: 4, end: 10, mirrored: false)])
        let hold = timeline.steps[1]
        #expect(hold.figure == [FigureMove(from: "hold", to: "hold", start: 10, end: 40, mirrored: false)])
        let switchStep = try #require(timeline.steps.first { $0.kind == .switchSides })
        let switchMoves = try #require(switchStep.figure)
        #expect(switchMoves.map(\.mirrored) == [false, true], "out of the left-leg pose, into the mirrored right")
        let right = try #require(timeline.steps.last { $0.kind == .hold })
        #expect(right.figure?.first?.mirrored == true)
        #expect(timeline.steps.last?.figure == nil, "the final step has no exercise")
        // Every move lies within its own step.
        for step in timeline.steps {
            for move in step.figure ?? [] {
                #expect(move.start >= Double(step.start) && move.end <= Double(step.end) && move.start <= move.end)
            }
        }
    }

    @Test("Each phase of a repetition moves from the previous phase's pose, at the phase's own time")
    func phasesMoveInTurn() throws {
        let routine = Routine(
            id: "t", name: "T", purpose: .relief, summary: "T", regions: [],
            items: [.init(exerciseId: "mid-trap-raise")])
        let timeline = try TimelineCompiler(catalog: catalog).compile(routine)
        let phases = timeline.steps.filter { $0.kind == .phase }.prefix(3)
        #expect(
            phases.map { $0.figure?.first.map { "\($0.from)>\($0.to) \($0.end - $0.start)" } }
                == ["lower>raise 2.0", "raise>lower 3.0", "lower>raise 2.0"])
        #expect(phases.first!.figure!.first!.progress(at: Double(phases.first!.start) + 1) == 0.5)
    }

    @Test("Every pose of every exercise draws in braille inside the cells it is given")
    func brailleFits() throws {
        for exercise in catalog.exercises {
            let figure = try #require(BrailleFigure(exercise))
            for keyframe in exercise.figure!.keyframes {
                let lines = figure.lines(step: keyframe.step, mirrored: false, columns: 30, rows: 10)
                #expect(lines.count <= 10 && lines.allSatisfy { $0.count <= 30 }, "\(exercise.id) \(keyframe.step)")
                let dots = lines.joined().unicodeScalars.filter { $0.value > 0x2800 && $0.value <= 0x28FF }.count
                #expect(dots > 20, "\(exercise.id) \(keyframe.step) draws something")
            }
        }
    }

    @Test("Braille dots map to Unicode's dot numbers: top left is dot 1, bottom right is dot 8")
    func brailleEncoding() {
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.set(0, 0)
        canvas.set(3, 3)
        #expect(canvas.lines() == ["\u{2801}\u{2880}"])
        var blank = BrailleCanvas(columns: 3, rows: 1)
        blank.set(0, 1)
        #expect(blank.lines() == ["\u{2802}"], "trailing blank cells are trimmed")
    }
}
