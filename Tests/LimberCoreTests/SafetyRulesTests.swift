import Foundation
import Testing

@testable import LimberCore

/// The red-flag questions asked before a session, the advice they lead to, and how a broken
/// safety file is refused.
@Suite("Safety rules: red flags, advice and a strict safety file")
struct SafetyRulesTests {
    static let backRegions = ["lower-back", "mid-back", "upper-back"]
    static let legRegions = ["calf", "foot", "back-thigh", "front-thigh"]

    func bundled() throws -> SafetyContent {
        try SafetyLoader.bundled()
    }

    // MARK: - The bundled file

    @Test("The bundled safety file loads and has red flags, self-care tips and a disclaimer")
    func bundledLoads() throws {
        let content = try bundled()
        #expect(content.version == 1)
        #expect((25...40).contains(content.redFlags.count))
        #expect((3...6).contains(content.selfCare.count))
        #expect(content.disclaimer.contains("diagnose"))
    }

    @Test("Every urgent warning sign from the clinical facts (items 1 to 6) has an urgent rule")
    func urgentItemsCovered() throws {
        let content = try bundled()
        let expected = [
            "cramp-over-10-minutes",  // 1
            "wound-with-soil-or-poison",  // 2
            "arm-cramp-with-warning-signs", "sudden-weakness-or-numbness", "cramps-after-fluid-loss",  // 3
            "back-tingling-weakness-both-legs", "back-numbness-groin-buttocks",  // 4
            "back-bladder-or-bowel-problem", "back-pain-after-accident", "chest-pain-or-sudden-breathlessness",  // 4
            "dark-urine-with-muscle-pain",  // 5
            "pregnancy-leg-pain-swelling", "one-leg-swollen-warm",  // 6
        ]
        for id in expected {
            #expect(content.flag(id)?.level == .urgent, "\(id) should be an urgent rule")
        }
    }

    @Test("See-a-doctor signs from items 7 to 11 and the seed's own advice have see-doctor rules")
    func seeDoctorItemsCovered() throws {
        let content = try bundled()
        let expected = [
            "severe-discomfort", "frequent-cramps", "no-better-with-self-care", "no-clear-cause",
            "cramps-disturb-sleep", "leg-swelling-numbness-or-skin-changes", "cramps-walking-stop-at-rest",
            "cramps-after-new-medicine", "heavy-drinking", "statin-muscle-pain",
            "seed-prolonged-or-chronic", "belly-cramps", "cramp-only-during-one-task",
        ]
        for id in expected {
            #expect(content.flag(id)?.level == .seeDoctor, "\(id) should be a see-doctor rule")
        }
        #expect(content.flag("seed-prolonged-or-chronic")?.sources.contains(Source(kind: .seed)) == true)
    }

    @Test("A person can find the question about numbness around the groin or buttocks; it is urgent and about the back")
    func groinOrButtocksQuestion() throws {
        let content = try bundled()
        let flag = try #require(content.redFlags.first { $0.question.contains("groin or buttocks") })
        #expect(flag.question.lowercased().contains("numbness around the groin or buttocks"))
        #expect(flag.level == .urgent)
        #expect(Set(flag.regions) == Set(Self.backRegions + ["hip"]))
    }

    @Test("Every rule cites a source, asks a question and says what to do")
    func everyRuleIsComplete() throws {
        for flag in try bundled().redFlags {
            #expect(!flag.sources.isEmpty, "\(flag.id) cites no source")
            #expect(flag.question.hasSuffix("?"), "\(flag.id) is not a question")
            #expect(!flag.message.isEmpty, "\(flag.id) has no advice")
        }
    }

    @Test("Urgent advice says what to do today or now; only possible-stroke advice names emergency numbers")
    func urgentAdviceSaysWhatToDo() throws {
        for flag in try bundled().redFlags where flag.level == .urgent {
            let message = flag.message
            #expect(message.contains("now") || message.contains("today"), "\(flag.id) does not say when to act")
            if flag.id != "sudden-weakness-or-numbness" {
                #expect(!message.contains("999") && !message.contains("911"), "\(flag.id)")
            }
        }
    }

    @Test("Possible stroke signs say to call the emergency number now, with 999, 911 and 112 as examples")
    func strokeMeansEmergencyNumber() throws {
        let stroke = try #require(try bundled().flag("sudden-weakness-or-numbness"))
        #expect(stroke.level == .urgent)
        #expect(stroke.question.contains("face") && stroke.question.contains("speaking"))
        #expect(stroke.message.contains("emergency number now"))
        for number in ["999", "911", "112"] { #expect(stroke.message.contains(number)) }
        #expect(!stroke.message.contains("call your doctor"))
        #expect(stroke.sources.contains { $0.title == "Stroke: symptoms" })
    }

    @Test(
        "Neck and top-of-shoulder sessions ask about arm symptoms (see a doctor) and injury, dizziness, speech or sight (urgent)"
    )
    func neckFlags() throws {
        let content = try bundled()
        for region in ["neck", "shoulder"] {
            let flags = content.flags(for: [region])
            let arm = try #require(flags.first { $0.id == "neck-with-arm-symptoms" })
            #expect(arm.level == .seeDoctor)
            #expect(arm.question.contains("tingling") && arm.question.contains("weakness"))
            let injury = try #require(flags.first { $0.id == "neck-injury-dizziness-speech-sight" })
            #expect(injury.level == .urgent)
            for word in ["injury", "dizzy", "speaking", "swallowing", "eyesight"] {
                #expect(injury.question.contains(word), "\(word)")
            }
        }
        #expect(!content.flags(for: ["calf"]).contains { $0.id.hasPrefix("neck-") })
    }

    @Test(
        "Back signs NHS sends to an urgent appointment or 111 stop the session; cauda equina signs are asked for the hip too"
    )
    func backSignsAtTheNHSLevel() throws {
        let content = try bundled()
        for id in [
            "back-pain-with-fever-or-weight-loss", "back-lump-or-swelling", "back-pain-worse-at-night",
            "back-pain-worse-cough-sneeze-toilet", "pain-between-shoulder-blades",
        ] {
            let flag = try #require(content.flag(id))
            #expect(flag.level == .urgent, "\(id)")
            #expect(flag.message.contains("urgent appointment") && flag.message.contains("111"), "\(id)")
        }
        let cough = try #require(content.flag("back-pain-worse-cough-sneeze-toilet"))
        #expect(cough.question.contains("cough") && cough.question.contains("sneeze"))
        let hip = content.flags(for: ["hip"]).map(\.id)
        for id in ["back-tingling-weakness-both-legs", "back-numbness-groin-buttocks", "back-bladder-or-bowel-problem"]
        {
            #expect(hip.contains(id), "\(id) is not asked for the hip")
        }
    }

    @Test("A forearm-and-hand cramp is urgent only with its warning signs, and one-task cramps point to a GP")
    func handFlags() throws {
        let content = try bundled()
        let ids = content.flags(for: ["forearm-hand"]).map(\.id)
        #expect(!ids.contains("cramp-in-arms-or-belly"))
        #expect(content.flag("arm-cramp-with-warning-signs")?.level == .urgent)
        #expect(content.flag("arm-cramp-with-warning-signs")?.question.contains("tingling around your mouth") == true)
        #expect(content.flag("cramp-only-during-one-task")?.level == .seeDoctor)
        #expect(content.flag("belly-cramps")?.level == .seeDoctor)
        // A hand cramp with every question answered no may start.
        let allNo = Dictionary(uniqueKeysWithValues: content.flags(for: ["forearm-hand"]).map { ($0.id, false) })
        #expect(SafetyCheck.evaluate(allNo, content: content, regions: ["forearm-hand"]).canStartSession)
    }

    /// Words that say a cramp is in a region, by region. A question asked of a region must not ask
    /// whether the cramp is there: for someone who chose the region its honest answer is always yes.
    static let placePhrases: [String: [String]] = [
        "neck": ["in your neck"],
        "shoulder": ["top of your shoulder", "in your shoulder"],
        "upper-back": ["shoulder blades", "upper back", "top of your back"],
        "mid-back": ["middle of your back", "mid-back"],
        "lower-back": ["lower back", "small of your back"],
        "hip": ["in your hip", "in your buttock"],
        "front-thigh": ["front of your thigh", "in your thigh"],
        "back-thigh": ["back of your thigh", "in your thigh", "hamstring"],
        "calf": ["in your calf", "in your calves", "in your leg"],
        "foot": ["in your foot", "in your feet", "in your toes"],
        "forearm-hand": ["in your arm", "in your hand", "in your forearm", "in your wrist", "in your fingers"],
    ]

    @Test("No question restates the region it is asked for, over every rule and every region")
    func noQuestionRestatesItsRegion() throws {
        let content = try bundled()
        let catalog = try CatalogLoader.load()
        for region in catalog.coveredRegions {
            let phrases = (Self.placePhrases[region.id] ?? []) + ["in your \(region.name.lowercased())"]
            #expect(Self.placePhrases[region.id] != nil, "add the place words for \(region.id)")
            for flag in content.flags(for: [region.id]) {
                let question = flag.question.lowercased()
                for phrase in phrases {
                    #expect(!question.contains(phrase), "\(flag.id) asks \(region.id) whether it is \"\(phrase)\"")
                }
            }
        }
    }

    @Test("No question restates any region of a built-in routine that covers several places")
    func noQuestionRestatesARoutinesRegions() throws {
        let content = try bundled()
        let catalog = try CatalogLoader.load()
        for routine in catalog.routines where routine.purpose == .relief {
            for flag in content.flags(for: routine.regions) {
                let question = flag.question.lowercased()
                for region in routine.regions {
                    for phrase in Self.placePhrases[region] ?? [] {
                        #expect(!question.contains(phrase), "\(routine.id) asks \(flag.id), which restates \(region)")
                    }
                }
            }
        }
        #expect(
            !content.flags(for: ["lower-back", "mid-back", "upper-back"]).contains {
                $0.id == "pain-between-shoulder-blades"
            })
        #expect(content.flags(for: ["lower-back"]).contains { $0.id == "pain-between-shoulder-blades" })
    }

    @Test("A yes to a cramp that comes only with one task stops the session without calling it urgent")
    func writersCrampStopsTheSession() throws {
        let content = try bundled()
        let verdict = SafetyCheck.evaluate(
            ["cramp-only-during-one-task": true], content: content, regions: ["forearm-hand"], noneApply: true)
        #expect(verdict.level == .seeDoctor)
        #expect(!verdict.canStartSession, "stretching is not the treatment for writer's cramp")
        #expect(verdict.reasons.first?.message.contains("GP") == true)
    }

    @Test("The restating test catches the old arm-or-belly question and the shoulder-blade question for the upper back")
    func restatingIsCaught() throws {
        let old = "Is the cramp in your arms or your belly (tummy)?".lowercased()
        #expect(Self.placePhrases["forearm-hand"]!.contains { old.contains($0) })
        let blades = "Is the pain high up in your back, between your shoulder blades?".lowercased()
        #expect(Self.placePhrases["upper-back"]!.contains { blades.contains($0) })
    }

    @Test("What is true of a whole region is shown as advice, not asked")
    func regionAdviceIsShown() throws {
        let content = try bundled()
        #expect(!content.flags(for: ["upper-back"]).contains { $0.id == "pain-between-shoulder-blades" })
        #expect(content.advice(for: ["upper-back"]).map(\.id) == ["upper-back-pain"])
        #expect(content.advice(for: ["forearm-hand"]).map(\.id) == ["arm-and-hand-cramps"])
        #expect(content.advice(for: ["calf"]).isEmpty)
        let verdict = SafetyCheck.evaluate([:], content: content, regions: ["upper-back"], noneApply: true)
        #expect(verdict.regionAdvice.map(\.id) == ["upper-back-pain"])
        #expect(verdict.canStartSession)
        for advice in content.regionAdvice {
            #expect(advice.level == .seeDoctor)
            #expect(!advice.sources.isEmpty)
        }
    }

    @Test("A rule that uses a number Limber chose says it is a project default")
    func projectDefaultIsLabelled() throws {
        let frequent = try #require(try bundled().flag("frequent-cramps"))
        #expect(frequent.message.contains("Limber's own default"))
    }

    @Test("Urgent questions are asked before see-a-doctor ones")
    func urgentQuestionsComeFirst() throws {
        let levels = try bundled().redFlags.map(\.level)
        #expect(levels == levels.sorted())
    }

    @Test("Every region a rule names exists in the bundled catalog")
    func regionsExistInCatalog() throws {
        let catalog = try CatalogLoader.load()
        try SafetyLoader.checkRegions(try bundled(), against: catalog)
    }

    // MARK: - Region filtering

    @Test("A calf cramp is asked the general questions and the leg ones, not the back ones")
    func calfFlags() throws {
        let content = try bundled()
        let ids = content.flags(for: ["calf"]).map(\.id)
        #expect(ids.contains("cramp-over-10-minutes"))
        #expect(ids.contains("one-leg-swollen-warm"))
        #expect(ids.contains("cramps-walking-stop-at-rest"))
        #expect(!ids.contains("back-numbness-groin-buttocks"))
        #expect(!ids.contains("back-pain-worse-at-night"))
    }

    @Test("A lower-back spasm is asked the general questions and the back ones, not the leg ones")
    func lowerBackFlags() throws {
        let content = try bundled()
        let ids = content.flags(for: ["lower-back"]).map(\.id)
        #expect(ids.contains("back-numbness-groin-buttocks"))
        #expect(ids.contains("statin-muscle-pain"))
        #expect(!ids.contains("one-leg-swollen-warm"))
        #expect(content.flags(for: ["lower-back", "calf"]).map(\.id).contains("one-leg-swollen-warm"))
    }

    @Test("With no region named, only the general questions are asked")
    func noRegionFlags() throws {
        let content = try bundled()
        let general = content.flags(for: [])
        #expect(!general.isEmpty)
        #expect(general.allSatisfy { $0.regions.isEmpty })
    }

    // MARK: - The evaluator

    @Test("No answers is an incomplete check: the session cannot start, and every question is listed as unanswered")
    func noAnswers() throws {
        let content = try bundled()
        let verdict = SafetyCheck.evaluate([:], content: content, regions: ["calf"])
        #expect(verdict.level == .incomplete)
        #expect(!verdict.canStartSession)
        #expect(verdict.reasons.isEmpty)
        #expect(verdict.unanswered == content.flags(for: ["calf"]).map(\.id))
    }

    @Test("Some answers and no \"none of these\" is still incomplete, even with a see-a-doctor yes")
    func partlyAnswered() throws {
        let content = try bundled()
        let verdict = SafetyCheck.evaluate(
            ["cramp-over-10-minutes": false, "cramps-disturb-sleep": true], content: content, regions: ["calf"])
        #expect(verdict.level == .incomplete)
        #expect(!verdict.canStartSession)
        #expect(!verdict.unanswered.contains("cramp-over-10-minutes"))
        #expect(verdict.unanswered.contains("one-leg-swollen-warm"))
    }

    @Test("\"None of these apply\" answers the rest no; a yes given beside it still counts")
    func noneApply() throws {
        let content = try bundled()
        let none = SafetyCheck.evaluate([:], content: content, regions: ["calf"], noneApply: true)
        #expect(none.level == .selfCare)
        #expect(none.canStartSession)
        #expect(none.unanswered.isEmpty)
        let withYes = SafetyCheck.evaluate(
            ["cramps-disturb-sleep": true], content: content, regions: ["calf"], noneApply: true)
        #expect(withYes.level == .seeDoctor)
        #expect(withYes.canStartSession)
        let urgent = SafetyCheck.evaluate(
            ["one-leg-swollen-warm": true], content: content, regions: ["calf"], noneApply: true)
        #expect(urgent.level == .urgent)
        #expect(!urgent.canStartSession)
    }

    @Test("An urgent yes wins over questions left unanswered")
    func urgentBeatsIncomplete() throws {
        let verdict = SafetyCheck.evaluate(["cramp-over-10-minutes": true], content: try bundled(), regions: ["calf"])
        #expect(verdict.level == .urgent)
        #expect(!verdict.canStartSession)
    }

    @Test("All answers no means self-care, and nothing is left unanswered")
    func allNo() throws {
        let content = try bundled()
        let answers = Dictionary(uniqueKeysWithValues: content.flags(for: ["calf"]).map { ($0.id, false) })
        let verdict = SafetyCheck.evaluate(answers, content: content, regions: ["calf"])
        #expect(verdict.level == .selfCare)
        #expect(verdict.canStartSession)
        #expect(verdict.unanswered.isEmpty)
    }

    @Test("One see-a-doctor yes means see a doctor, and the session can still start")
    func oneSeeDoctor() throws {
        let verdict = SafetyCheck.evaluate(
            ["cramps-disturb-sleep": true, "cramp-over-10-minutes": false], content: try bundled(), regions: ["calf"],
            noneApply: true)
        #expect(verdict.level == .seeDoctor)
        #expect(verdict.canStartSession)
        #expect(verdict.reasons.map(\.id) == ["cramps-disturb-sleep"])
    }

    @Test("Any urgent yes means urgent, the session cannot start, and urgent reasons come first")
    func urgentFirst() throws {
        let answers = [
            "statin-muscle-pain": true, "back-numbness-groin-buttocks": true, "heavy-drinking": true,
            "cramp-over-10-minutes": false,
        ]
        let verdict = SafetyCheck.evaluate(answers, content: try bundled(), regions: ["lower-back"])
        #expect(verdict.level == .urgent)
        #expect(!verdict.canStartSession)
        #expect(verdict.reasons.first?.id == "back-numbness-groin-buttocks")
        #expect(Set(verdict.reasons.dropFirst().map(\.id)) == ["statin-muscle-pain", "heavy-drinking"])
        #expect(verdict.reasons.dropFirst().allSatisfy { $0.level == .seeDoctor })
    }

    @Test("A yes to a warning sign outside the chosen region still counts")
    func yesOutsideRegionCounts() throws {
        let verdict = SafetyCheck.evaluate(["one-leg-swollen-warm": true], content: try bundled(), regions: ["neck"])
        #expect(verdict.level == .urgent)
        #expect(!verdict.canStartSession)
    }

    @Test("Answers naming ids that do not exist are reported, sorted")
    func unknownIDs() throws {
        let verdict = SafetyCheck.evaluate(
            ["cramp-over-ten-minutes": false, "made-up": true, "heavy-drinking": false], content: try bundled(),
            regions: [])
        #expect(verdict.unknownIDs == ["cramp-over-ten-minutes", "made-up"])
        #expect(verdict.level == .incomplete)
    }

    // MARK: - A broken safety file is refused with the file and the JSON path

    static var valid: [String: Any] {
        [
            "version": 1,
            "disclaimer": "Limber guides exercise and does not diagnose.",
            "redFlags": [
                [
                    "id": "test-urgent", "question": "Is it bad?", "level": "urgent", "message": "Get help now.",
                    "sources": [["kind": "seed"]],
                ],
                [
                    "id": "test-back", "question": "Is your back sore?", "level": "see-doctor",
                    "message": "Book an appointment with your doctor soon.", "regions": ["lower-back"],
                    "sources": [["kind": "reference", "title": "Back pain", "publisher": "NHS"]],
                ],
            ],
            "selfCare": [["text": "Stretch slowly.", "sources": [["kind": "seed"]]]],
        ]
    }

    func errorFor(_ edit: (inout [String: Any]) -> Void) -> CatalogError? {
        var object = Self.valid
        edit(&object)
        let data = try! JSONSerialization.data(withJSONObject: object)
        do {
            _ = try SafetyLoader.decode(data, name: "safety.json")
            return nil
        } catch {
            return error
        }
    }

    func editFlag(_ index: Int, _ edit: @escaping (inout [String: Any]) -> Void) -> (inout [String: Any]) -> Void {
        { object in
            var flags = object["redFlags"] as! [[String: Any]]
            edit(&flags[index])
            object["redFlags"] = flags
        }
    }

    @Test("The small test safety file is valid")
    func validFileLoads() {
        #expect(errorFor { _ in } == nil)
    }

    static var advice: [String: Any] {
        [
            "id": "test-advice", "regions": ["upper-back"], "level": "see-doctor", "message": "See a doctor soon.",
            "sources": [["kind": "seed"]],
        ]
    }

    @Test("Region advice loads, and may not be urgent, empty of regions or reuse a flag's id")
    func regionAdviceChecks() throws {
        #expect(errorFor { $0["regionAdvice"] = [Self.advice] } == nil)
        var urgent = Self.advice
        urgent["level"] = "urgent"
        let level = try #require(errorFor { $0["regionAdvice"] = [urgent] })
        #expect(level.path == "regionAdvice[0].level")
        #expect(level.message.contains("red flag question"))
        var everywhere = Self.advice
        everywhere["regions"] = [String]()
        #expect(try #require(errorFor { $0["regionAdvice"] = [everywhere] }).path == "regionAdvice[0].regions")
        var reused = Self.advice
        reused["id"] = "test-urgent"
        let duplicate = try #require(errorFor { $0["regionAdvice"] = [reused] })
        #expect(duplicate.message.contains("already used by redFlags[0]"))
        var unsourced = Self.advice
        unsourced["sources"] = [[String: Any]]()
        #expect(try #require(errorFor { $0["regionAdvice"] = [unsourced] }).path == "regionAdvice[0].sources")
    }

    @Test("An unknown field names the file and path and lists the accepted fields")
    func unknownField() throws {
        let error = try #require(errorFor(editFlag(1) { $0["severity"] = "high" }))
        #expect(error.file == "safety.json")
        #expect(error.path == "redFlags[1].severity")
        #expect(error.description.hasPrefix("safety.json: redFlags[1].severity: unknown field"))
        #expect(error.message.contains("question"))
    }

    @Test("An unknown field at the top of the file is refused too")
    func unknownTopLevelField() throws {
        let error = try #require(errorFor { $0["flags"] = [] })
        #expect(error.description.hasPrefix("safety.json: flags: unknown field"))
    }

    @Test("A duplicate id names the file, the path and the first use")
    func duplicateID() throws {
        let error = try #require(errorFor(editFlag(1) { $0["id"] = "test-urgent" }))
        #expect(
            error.description
                == "safety.json: redFlags[1].id: duplicate id \"test-urgent\", already used by redFlags[0]")
    }

    @Test("An id that is not kebab-case is refused")
    func badID() throws {
        let error = try #require(errorFor(editFlag(0) { $0["id"] = "Test_Urgent" }))
        #expect(error.path == "redFlags[0].id")
        #expect(error.message.contains("kebab-case"))
    }

    @Test("A rule with an empty source list names the file and path")
    func emptySources() throws {
        let error = try #require(errorFor(editFlag(1) { $0["sources"] = [] }))
        #expect(error.description == "safety.json: redFlags[1].sources: must cite at least one source")
    }

    @Test("A rule without a sources field names the file and path")
    func missingSources() throws {
        let error = try #require(errorFor(editFlag(0) { $0["sources"] = nil }))
        #expect(error.description == "safety.json: redFlags[0].sources: is required but missing")
    }

    @Test("A self-care tip without sources is refused")
    func tipWithoutSources() throws {
        let error = try #require(
            errorFor { $0["selfCare"] = [["text": "Stretch slowly.", "sources": [[String: Any]]()]] })
        #expect(error.description == "safety.json: selfCare[0].sources: must cite at least one source")
    }

    @Test("An empty question or message is refused")
    func emptyText() throws {
        let question = try #require(errorFor(editFlag(0) { $0["question"] = "  " }))
        #expect(question.description == "safety.json: redFlags[0].question: must not be empty")
        let message = try #require(errorFor(editFlag(0) { $0["message"] = "" }))
        #expect(message.description == "safety.json: redFlags[0].message: must not be empty")
    }

    @Test("A question that is not a yes/no question is refused")
    func questionMark() throws {
        let error = try #require(errorFor(editFlag(0) { $0["question"] = "It is bad." }))
        #expect(error.path == "redFlags[0].question")
    }

    @Test("A level that is not known lists the accepted levels")
    func unknownLevel() throws {
        let error = try #require(errorFor(editFlag(0) { $0["level"] = "emergency" }))
        #expect(error.path == "redFlags[0].level")
        #expect(error.message.contains("urgent, see-doctor, self-care"))
    }

    @Test("A red flag cannot be marked self-care")
    func selfCareFlag() throws {
        let error = try #require(errorFor(editFlag(0) { $0["level"] = "self-care" }))
        #expect(error.path == "redFlags[0].level")
    }

    @Test("A region that is not in the catalog is refused by the region check")
    func unknownRegion() throws {
        var object = Self.valid
        editFlag(1) { $0["regions"] = ["lower-bak"] }(&object)
        let data = try JSONSerialization.data(withJSONObject: object)
        let content = try SafetyLoader.decode(data, name: "safety.json")
        let catalog = try CatalogLoader.load()
        #expect(throws: CatalogError.self) {
            try SafetyLoader.checkRegions(content, against: catalog, name: "safety.json")
        }
        do {
            try SafetyLoader.checkRegions(content, against: catalog, name: "safety.json")
        } catch {
            #expect(error.description.hasPrefix("safety.json: redFlags[1].regions[0]: unknown region \"lower-bak\""))
        }
    }

    @Test("Invalid JSON names the file")
    func invalidJSON() throws {
        #expect(throws: CatalogError.self) { try SafetyLoader.decode(Data("{".utf8), name: "safety.json") }
        do {
            _ = try SafetyLoader.decode(Data("{".utf8), name: "safety.json")
        } catch {
            #expect(error.description.hasPrefix("safety.json: is not valid JSON"))
        }
    }
}
