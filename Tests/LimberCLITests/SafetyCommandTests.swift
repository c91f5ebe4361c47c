import Foundation
import Testing

@Suite("limber check and limber safety")
struct SafetyCommandTests {
    @Test("An urgent yes says stop, what to do now, and exits 3")
    func urgentAnswer() throws {
        let run = try CLI.run(["check", "--region", "lower-back", "--answer", "back-numbness-groin-buttocks=yes"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("STOP: do not start the stretches."))
        #expect(run.stdout.contains("urgent medical help now"))
        #expect(run.stdout.contains("Source:"))
    }

    @Test("A see-a-doctor yes lets stretching go on with the advice shown")
    func seeDoctorAnswer() throws {
        let run = try CLI.run(["check", "--answer", "frequent-cramps=yes", "--none-apply"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("You can go on with the stretches, but please see a doctor soon"))
    }

    @Test("A misspelt region is refused in one line, rather than asking only the general questions")
    func misspeltRegion() throws {
        let run = try CLI.run(["check", "--region", "calff", "--none-apply"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("limber: region: \"calff\" is not a region Limber covers"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test("Writer's cramp stops the session (exit 3) and says stretching is not the answer")
    func writersCramp() throws {
        let run = try CLI.run(
            ["check", "--region", "forearm-hand", "--answer", "cramp-only-during-one-task=yes", "--none-apply"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("Stretching is not the answer for this, so no session starts."))
        #expect(!run.stdout.contains("You can go on"))
    }

    @Test("Answers that leave questions open are an incomplete check: exit 4, and it says how to finish")
    func incompleteCheck() throws {
        let run = try CLI.run(["check", "--region", "calf", "--answer", "frequent-cramps=no"])
        #expect(run.status == 4)
        #expect(run.stdout.contains("The check is not finished"))
        #expect(run.stdout.contains("--none-apply"))
        let json = try CLI.run(["check", "--region", "calf", "--json"])
        #expect(json.status == 4)
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(verdict["level"] as? String == "incomplete")
        #expect(verdict["canStartSession"] as? Bool == false)
    }

    @Test("With no terminal and no answers, limber check (closed input) does not pass")
    func closedInputIsNotNone() throws {
        let run = try CLI.run(["check", "--region", "forearm-hand"])
        #expect(run.status == 4, "\(run.stdout)")
        #expect(!run.stdout.contains("None of the warning signs apply"))
    }

    @Test("The verdict as JSON says whether a session may start")
    func jsonVerdict() throws {
        let run = try CLI.run(["check", "--json", "--answer", "cramp-over-10-minutes=yes"])
        #expect(run.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "urgent")
        #expect(object["canStartSession"] as? Bool == false)
    }

    @Test("An unknown question id or a bad answer exits 2 naming it")
    func badAnswers() throws {
        let unknown = try CLI.run(["check", "--answer", "moon-phase=yes"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("\"moon-phase\""))
        let bad = try CLI.run(["check", "--answer", "cramp-over-10-minutes=maybe"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("ID=yes or ID=no"))
    }

    @Test("limber safety lists every warning sign with its sources")
    func safetyList() throws {
        let run = try CLI.run(["safety"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Get urgent help now if:"))
        #expect(run.stdout.contains("See a doctor soon if:"))
        #expect(run.stdout.contains("[back-numbness-groin-buttocks]"))
        #expect(run.stdout.components(separatedBy: "Source:").count > 20)
    }
}
