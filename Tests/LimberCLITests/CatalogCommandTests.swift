import Foundation
import Testing

@Suite("limber catalog commands, run as a person would")
struct CatalogCommandTests {
    @Test("limber plan --region calf prints a plan and a timeline that ends with Done")
    func planCalf() throws {
        let run = try CLI.run(["plan", "--region", "calf"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains("Quick relief: calf"),
            "one quick-relief routine per region, named as on the routines page")
        #expect(run.stdout.contains("Left leg"))
        #expect(run.stdout.contains("Done"))
    }

    @Test("limber timeline seed-full --json gives totalSeconds and steps with cues")
    func timelineJSON() throws {
        let run = try CLI.run(["timeline", "seed-full", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let total = try #require(object["totalSeconds"] as? Int)
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(total > 0)
        let last = try #require(steps.last)
        #expect(last["start"] as? Int == total)
        #expect(last["kind"] as? String == "done")
        let first = try #require(steps.first)
        for key in ["start", "duration", "kind", "exerciseId", "cues"] { #expect(first[key] != nil, "missing \(key)") }
        let cue = try #require((first["cues"] as? [[String: Any]])?.first)
        #expect(cue["at"] as? Int == 0)
        #expect(cue["text"] is String)
    }

    @Test("An unsupported region exits 2 with one line listing the supported regions")
    func unsupportedRegion() throws {
        let run = try CLI.run(["plan", "--region", "elbow"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(run.stderr.contains("\"elbow\""))
        #expect(run.stderr.contains("calf"))
        #expect(run.stderr.contains("lower-back"))
    }

    @Test("A bad side value exits 2 and names the accepted values")
    func badSide() throws {
        let run = try CLI.run(["plan", "--region", "calf", "--side", "up"])
        #expect(run.status == 2)
        #expect(run.stderr == "limber: side: \"up\" is not accepted; use left or right\n")
    }

    @Test("A bad user catalog exits 2 with the file, the JSON path and the fix, and no stack trace")
    func badUserCatalog() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).json")
        let text = """
            {"version": 1, "exercises": [{"id": "x", "name": "X", "kind": "stretch", "summary": "S",
              "regions": {"primary": ["calf"]}, "position": "standing", "steps": ["S"], "sensation": "S",
              "dose": {"hold": {"seconds": 0}}, "sources": [{"kind": "seed"}]}]}
            """
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try CLI.run(["list", "--catalog", url.path])
        #expect(run.status == 2)
        #expect(run.stderr == "limber: \(url.path): exercises[0].dose.hold.seconds: must be 1...600, got 0\n")
    }

    @Test("A missing catalog file is a clear error, not a crash")
    func missingCatalog() throws {
        let run = try CLI.run(["regions", "--catalog", "/nonexistent/catalog.json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/nonexistent/catalog.json: cannot be read"))
    }

    @Test("limber show prints cautions before the steps, and the sources")
    func showExercise() throws {
        let run = try CLI.run(["show", "prayer-pose"])
        #expect(run.status == 0)
        let cautions = try #require(run.stdout.range(of: "Before you start:"))
        let steps = try #require(run.stdout.range(of: "Steps:"))
        #expect(cautions.lowerBound < steps.lowerBound)
        #expect(run.stdout.contains("Sources:"))
    }

    /// Dose field names that must never reach a person.
    static let fieldNames = [
        "setupSeconds", "switchSeconds", "restSeconds", "hold.seconds", "repeat.count", "repeat.phases",
        "projectDefaults", "doseFields",
    ]

    @Test("limber show says which numbers Limber chose in a sentence under the dose, never as field names")
    func showSaysProjectDefaultsPlainly() throws {
        let calf = try CLI.run(["show", "calf-stretch-wall"])
        #expect(calf.status == 0, "\(calf.stderr)")
        let sentence =
            "Limber chose the 10 s to get into position and the 5 s to switch legs; no source gives these times."
        #expect(calf.stdout.contains("Dose: Hold 30 s; left leg, then right\n" + sentence), "\(calf.stdout)")
        let list = try CLI.run(["list", "--json"])
        let exercises = try #require(
            try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(exercises.count > 6)
        for id in exercises.compactMap({ $0["id"] as? String }) {
            let shown = try CLI.run(["show", id])
            #expect(shown.status == 0, "\(id): \(shown.stderr)")
            for name in Self.fieldNames { #expect(!shown.stdout.contains(name), "\(id) shows \(name)") }
            #expect(!shown.stdout.contains("Before you start:\n\n"), "\(id): a heading with nothing under it")
            for line in shown.stdout.split(separator: "\n") where line.hasPrefix("  ! With ") {
                let who = line.dropFirst(7).prefix { $0 != ":" }
                #expect(
                    !line.dropFirst(7 + who.count).contains("With \(who)"), "\(id) names the condition twice: \(line)")
            }
        }
        let midTrap = try CLI.run(["show", "mid-trap-raise"])
        #expect(!midTrap.stdout.contains("Before you start:"), "no cautions, so no heading for them")
    }

    @Test("limber plan says a caution shared by two stretches once, naming both, and the routine's time once")
    func planSaysSharedCautionsOnce() throws {
        let run = try CLI.run(["plan", "--region", "neck"])
        #expect(run.status == 0, "\(run.stderr)")
        let warning = "see a doctor before doing neck exercises"
        #expect(run.stdout.components(separatedBy: warning).count == 2, "\(run.stdout)")
        #expect(run.stdout.contains("  ! If you have pain"), "both stretches share it, so neither is named")
        let hip = try CLI.run(["plan", "--region", "hip"])
        #expect(hip.stdout.contains("  ! Seated figure-four stretch: Use a sturdy chair"), "\(hip.stdout)")
        #expect(run.stdout.components(separatedBy: "3 min 40 s").count == 2, "the time is said once")
        let upper = try CLI.run(["plan", "--region", "upper-back"])
        #expect(upper.stdout.contains("Quick relief: between the shoulder blades"), "\(upper.stdout)")
        #expect(!upper.stdout.contains("the between"))
    }

    @Test("limber routines does not repeat what a routine's name already says it is for")
    func routinesSayPurposeOnce() throws {
        let run = try CLI.run(["routines"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Quick relief: calf (2 min"), "\(run.stdout)")
        #expect(!run.stdout.contains("Quick relief: neck (relief"), "the name already says relief")
        #expect(run.stdout.contains("Back spasm (relief, "), "this name does not")
        #expect(!run.stdout.contains("leg cramps (bedtime"))
        #expect(run.stdout.contains("All six core stretches (prevention, "))
    }

    @Test("An unknown routine id lists the known routines")
    func unknownRoutine() throws {
        let run = try CLI.run(["timeline", "nope"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("seed-full"))
    }
}
