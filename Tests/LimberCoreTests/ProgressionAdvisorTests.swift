import Foundation
import Testing

@testable import LimberCore

@Suite("Progression advice from session ratings and pain")
struct ProgressionAdvisorTests {
    let catalog: Catalog
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        catalog = try CatalogLoader.load()
    }

    /// A session on `day` rating each exercise; pain before and after when given.
    func session(
        _ day: Int, _ ratings: [String: Difficulty] = [:], pain: (before: Int, after: Int)? = nil,
        routine: String = "my-routine", isComplete: Bool = true
    ) -> SessionRecord {
        let startedAt = start.addingTimeInterval(Double(day) * 86_400)
        return SessionRecord(
            routineId: routine, routineName: "A routine", startedAt: startedAt,
            endedAt: startedAt.addingTimeInterval(600), isComplete: isComplete, stepsCompleted: 10, stepsTotal: 10,
            ratings: ratings.sorted { $0.key < $1.key }.map { .init(exerciseId: $0.key, difficulty: $0.value) },
            painBefore: pain?.before, painAfter: pain?.after)
    }

    /// `difficulties` in order, one session a day, all for one exercise.
    func sessions(_ exerciseId: String, _ difficulties: [Difficulty], from day: Int = 0) -> [SessionRecord] {
        difficulties.enumerated().map { session(day + $0, [exerciseId: $1]) }
    }

    func advice(
        _ sessions: [SessionRecord], personal: [PersonalDose] = []
    ) -> [ProgressionSuggestion] {
        ProgressionAdvisor.suggestions(sessions: sessions, catalog: catalog, personalDoses: personal)
    }

    func only(
        _ sessions: [SessionRecord], personal: [PersonalDose] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ProgressionSuggestion {
        let found = advice(sessions, personal: personal)
        #expect(found.count == 1, "\(found.map(\.id))", sourceLocation: sourceLocation)
        return try #require(found.first, sourceLocation: sourceLocation)
    }

    let calf = "calf-stretch-wall"

    // MARK: - Longer holds and extra sets

    /// 15 s twice on each foot: room for a longer hold within ACSM's limits.
    let foot = "foot-toe-stretch"

    @Test("Two sessions running rated too easy suggest nothing; the third suggests a hold 10 s longer")
    func holdNeedsThreeRunning() throws {
        #expect(advice(sessions(foot, [.tooEasy, .tooEasy])).isEmpty)
        let suggestion = try only(sessions(foot, [.tooEasy, .tooEasy, .tooEasy]))
        #expect(suggestion.kind == .longerHold)
        #expect(suggestion.id == "longer-hold.foot-toe-stretch.25")
        #expect(suggestion.proposed == DoseOverride(holdSeconds: 25))
        #expect(suggestion.message.contains("You may hold it for 25 seconds instead of 15"))
        #expect(suggestion.sources.contains { $0.publisher == "American College of Sports Medicine" })
        #expect(suggestion.projectDefaultNote?.contains("project default") == true)
    }

    @Test("A rating other than too easy breaks the run, and the run starts again after it")
    func breakResetsTheRun() throws {
        let broken = sessions(foot, [.tooEasy, .tooEasy, .aboutRight, .tooEasy, .tooEasy])
        #expect(advice(broken).isEmpty)
        #expect(advice(sessions(foot, [.tooEasy, .tooEasy, .tooEasy, .aboutRight])).isEmpty)
        let resumed = broken + [session(5, [foot: .tooEasy])]
        #expect(try only(resumed).id == "longer-hold.foot-toe-stretch.25")
    }

    @Test("Sessions are read in the order they happened, whatever order they arrive in")
    func anyOrder() throws {
        let history = sessions(foot, [.aboutRight, .tooEasy, .tooEasy, .tooEasy])
        #expect(advice(Array(history.reversed())) == advice(history))
        #expect(advice([2, 0, 3, 1].map { history[$0] }).map(\.id) == ["longer-hold.foot-toe-stretch.25"])
        let lastIsAboutRight = sessions(foot, [.tooEasy, .tooEasy, .tooEasy, .aboutRight])
        #expect(advice(Array(lastIsAboutRight.reversed())).isEmpty)
    }

    @Test("Sessions without a rating for the exercise neither count nor break the run")
    func unratedSessionsAreSkipped() throws {
        let history = [
            session(0, [foot: .tooEasy]), session(1, ["prayer-pose": .aboutRight]), session(2, [foot: .tooEasy]),
            session(3), session(4, [foot: .tooEasy]),
        ]
        #expect(try only(history).id == "longer-hold.foot-toe-stretch.25")
    }

    @Test("The hold stops at 30 s, ACSM's top for most adults, and says that older adults' 30-60 s needs asking")
    func holdCapsAtThirty() throws {
        let personal = [PersonalDose(exerciseId: calf, dose: DoseOverride(holdSeconds: 25))]
        let suggestion = try only(sessions(calf, [.tooEasy, .tooEasy, .tooEasy]), personal: personal)
        #expect(suggestion.id == "longer-hold.calf-stretch-wall.30")
        #expect(suggestion.proposed?.holdSeconds == 30)
        let note = try #require(suggestion.projectDefaultNote)
        #expect(note.contains("10 to 30 seconds for most adults"))
        #expect(note.contains("30 to 60 seconds for older adults"))
        #expect(note.contains("ask a physiotherapist"))
    }

    @Test("At 30 s another set is suggested instead, with 10 s rest when the dose had none")
    func extraSetAtThirty() throws {
        let suggestion = try only(sessions(calf, [.tooEasy, .tooEasy, .tooEasy]))
        #expect(suggestion.kind == .extraSet)
        #expect(suggestion.id == "extra-set.calf-stretch-wall.2")
        #expect(suggestion.proposed == DoseOverride(sets: 2, restSeconds: 10))
        #expect(suggestion.message.contains("twice instead of once"))
        #expect(!suggestion.message.contains("60"), "no hold past 30 s is offered: \(suggestion.message)")
        #expect(suggestion.sources.contains { $0.title?.hasPrefix("Hallegraeff") == true })
    }

    @Test("All the holds together stay within ACSM's 60 s per muscle: 15 s x 3 steps to 20 s, and 30 s x 2 stops")
    func holdsStayWithinAMinuteInAll() throws {
        let thoracic = "thoracic-side-stretch"
        let suggestion = try only(sessions(thoracic, [.tooEasy, .tooEasy, .tooEasy]))
        #expect(suggestion.id == "longer-hold.thoracic-side-stretch.20", "3 x 25 s would be 75 s in all")
        let twiceAt30 = [PersonalDose(exerciseId: calf, dose: DoseOverride(sets: 2, restSeconds: 10))]
        #expect(advice(sessions(calf, [.tooEasy, .tooEasy, .tooEasy]), personal: twiceAt30).isEmpty)
        let olderLongHold = [PersonalDose(exerciseId: calf, dose: DoseOverride(holdSeconds: 40))]
        #expect(
            advice(sessions(calf, [.tooEasy, .tooEasy, .tooEasy]), personal: olderLongHold).isEmpty,
            "a 40 s hold accepted before gets no second set: 80 s in all")
        for exercise in catalog.exercises {
            for sets in DoseLimits.sets {
                let personal = [PersonalDose(exerciseId: exercise.id, dose: DoseOverride(sets: sets))]
                for found in advice(sessions(exercise.id, [.tooEasy, .tooEasy, .tooEasy]), personal: personal) {
                    let dose = exercise.dose.applying(found.proposed)
                    guard case .hold(let seconds) = dose.work, found.proposed != nil else { continue }
                    #expect(seconds <= 30, "\(found.id)")
                    #expect(seconds * dose.sets <= 60, "\(found.id)")
                }
            }
        }
    }

    @Test("Suggestions start from the current dose, keeping the personal dose's other changes")
    func comparesAgainstCurrentDose() throws {
        let personal = [PersonalDose(exerciseId: calf, dose: DoseOverride(holdSeconds: 20, restSeconds: 15))]
        let suggestion = try only(sessions(calf, [.tooEasy, .tooEasy, .tooEasy]), personal: personal)
        #expect(suggestion.id == "longer-hold.calf-stretch-wall.30")
        #expect(suggestion.proposed == DoseOverride(holdSeconds: 30, restSeconds: 15))
    }

    @Test("Ratings from before a dose was accepted do not count towards the next step")
    func ratingsBeforeAcceptanceAreOld() throws {
        let accepted = PersonalDose(
            exerciseId: foot, dose: DoseOverride(holdSeconds: 25), previous: nil,
            acceptedAt: start.addingTimeInterval(2.5 * 86_400), suggestionId: "longer-hold.foot-toe-stretch.25")
        let before = sessions(foot, [.tooEasy, .tooEasy, .tooEasy])
        #expect(advice(before, personal: [accepted]).isEmpty)
        let after = sessions(foot, [.tooEasy, .tooEasy], from: 3)
        #expect(advice(before + after, personal: [accepted]).isEmpty, "two since accepting")
        let third = sessions(foot, [.tooEasy], from: 5)
        #expect(try only(before + after + third, personal: [accepted]).id == "longer-hold.foot-toe-stretch.30")
    }

    // MARK: - Repetitions and hand weights

    @Test("The mid-trap raise rated too easy 3 sessions running suggests small hand weights, as advice only")
    func midTrapHandWeights() throws {
        let midTrap = "mid-trap-raise"
        #expect(advice(sessions(midTrap, [.tooEasy, .tooEasy])).isEmpty)
        let suggestion = try only(sessions(midTrap, [.tooEasy, .tooEasy, .tooEasy]))
        #expect(suggestion.kind == .handWeights)
        #expect(suggestion.proposed == nil)
        #expect(suggestion.isAdviceOnly)
        #expect(suggestion.message.contains("light weight in each hand"))
        #expect(suggestion.message.contains("2 to 10 percent"))
        #expect(suggestion.sources.contains { $0.kind == .seed })
    }

    @Test("Other repetition exercises rated too easy 3 running get 2 more repetitions")
    func moreRepetitions() throws {
        let cat = try only(sessions("cat-stretch", [.tooEasy, .tooEasy, .tooEasy]))
        #expect(cat.kind == .moreRepetitions)
        #expect(cat.id == "more-repetitions.cat-stretch.10")
        #expect(cat.proposed == DoseOverride(repetitions: 10))
        #expect(advice(sessions("pelvic-tilt", [.tooEasy, .aboutRight, .tooEasy, .tooEasy])).isEmpty)
    }

    @Test("Repetitions never go past the dose limits: 99 steps to 100, and 100 suggests nothing")
    func repetitionsStayWithinLimits() throws {
        let easy = sessions("finger-spread", [.tooEasy, .tooEasy, .tooEasy])
        let at99 = [PersonalDose(exerciseId: "finger-spread", dose: DoseOverride(repetitions: 99))]
        #expect(try only(easy, personal: at99).proposed?.repetitions == DoseLimits.repetitions.upperBound)
        let atTop = [PersonalDose(exerciseId: "finger-spread", dose: DoseOverride(repetitions: 100))]
        #expect(advice(easy, personal: atTop).isEmpty)
    }

    @Test("Repetitions stop at the count the source gives: 14 pelvic tilts step to 15, 10 chin tucks get nothing")
    func repetitionsStayWithinTheirSource() throws {
        let pelvic = sessions("pelvic-tilt", [.tooEasy, .tooEasy, .tooEasy])
        let suggestion = try only(pelvic)
        #expect(suggestion.proposed?.repetitions == 14)
        #expect(suggestion.sources.contains { $0.publisher == "NHS" }, "the source of the count is cited")
        let at14 = [PersonalDose(exerciseId: "pelvic-tilt", dose: DoseOverride(repetitions: 14))]
        #expect(try only(pelvic, personal: at14).proposed?.repetitions == 15)
        #expect(try only(pelvic, personal: at14).projectDefaultNote?.contains("the top of the NHS's 10 to 15") == true)
        let at15 = [PersonalDose(exerciseId: "pelvic-tilt", dose: DoseOverride(repetitions: 15))]
        #expect(advice(pelvic, personal: at15).isEmpty)
        #expect(advice(sessions("chin-tuck", [.tooEasy, .tooEasy, .tooEasy])).isEmpty, "about 10 times: already there")
        let cat = sessions("cat-stretch", [.tooEasy, .tooEasy, .tooEasy])
        let catAt10 = [PersonalDose(exerciseId: "cat-stretch", dose: DoseOverride(repetitions: 10))]
        #expect(advice(cat, personal: catAt10).isEmpty, "8-10 slow cycles")
    }

    // MARK: - Easing off

    @Test("Too hard in the last session suggests a hold 10 s shorter; too hard earlier suggests nothing")
    func tooHardEasesOff() throws {
        let suggestion = try only(sessions(calf, [.aboutRight, .tooHard]))
        #expect(suggestion.kind == .easeOff)
        #expect(suggestion.id == "ease-off.calf-stretch-wall.hold-20")
        #expect(suggestion.proposed == DoseOverride(holdSeconds: 20))
        #expect(suggestion.message.contains("felt too hard last time"))
        #expect(advice(sessions(calf, [.tooHard, .aboutRight, .aboutRight])).isEmpty)
    }

    @Test("Pain up 1 point after the session suggests nothing; up 2 points suggests easing off")
    func painRiseBoundary() throws {
        #expect(advice([session(0, [calf: .aboutRight], pain: (3, 4))]).isEmpty)
        let suggestion = try only([session(0, [calf: .aboutRight], pain: (3, 5))])
        #expect(suggestion.kind == .easeOff)
        #expect(suggestion.message.contains("2 points higher"))
        #expect(suggestion.sources.contains { $0.title?.contains("pain rating scale") == true })
        #expect(advice([session(0, [calf: .aboutRight], pain: (5, 3))]).isEmpty, "pain going down is good news")
    }

    @Test("A finished built-in routine counts for the pain rule even where an exercise went unrated")
    func painCountsForEveryExerciseInAFinishedRoutine() throws {
        let bedtime = session(0, pain: (2, 5), routine: "bedtime-leg-cramps")
        let found = advice([bedtime])
        #expect(Set(found.map(\.exerciseId)) == ["calf-stretch-wall", "seated-hamstring-stretch"])
        #expect(found.allSatisfy { $0.kind == .easeOff })
        let stopped = session(0, pain: (2, 5), routine: "bedtime-leg-cramps", isComplete: false)
        #expect(advice([stopped]).isEmpty, "a stopped session without ratings does not say what was done")
    }

    @Test("Easing off stops at a 10 s hold, then takes a set away, then suggests nothing")
    func easeOffFloors() throws {
        let hard = sessions(calf, [.tooHard])
        let at15 = [PersonalDose(exerciseId: calf, dose: DoseOverride(holdSeconds: 15))]
        #expect(try only(hard, personal: at15).proposed == DoseOverride(holdSeconds: 10))
        let at10 = [PersonalDose(exerciseId: calf, dose: DoseOverride(holdSeconds: 10))]
        #expect(advice(hard, personal: at10).isEmpty, "10 s, one set: nothing left to ease")
        let thoracic = "thoracic-side-stretch"
        let threeSetsAt10 = [PersonalDose(exerciseId: thoracic, dose: DoseOverride(holdSeconds: 10))]
        let fewerSets = try only(sessions(thoracic, [.tooHard]), personal: threeSetsAt10)
        #expect(fewerSets.id == "ease-off.thoracic-side-stretch.sets-2")
        #expect(fewerSets.proposed == DoseOverride(holdSeconds: 10, sets: 2))
    }

    @Test("Easing off repetitions takes 2 away but not below 5")
    func easeOffRepetitions() throws {
        let midTrap = "mid-trap-raise"
        let hard = sessions(midTrap, [.tooHard])
        let fewer = try only(hard)
        #expect(fewer.id == "ease-off.mid-trap-raise.reps-13")
        #expect(fewer.message.contains("without them first"))
        let at6 = [PersonalDose(exerciseId: midTrap, dose: DoseOverride(repetitions: 6))]
        #expect(try only(hard, personal: at6).proposed?.repetitions == 5)
        let at5 = [PersonalDose(exerciseId: midTrap, dose: DoseOverride(repetitions: 5))]
        #expect(advice(hard, personal: at5).isEmpty)
    }

    @Test("Trouble in 2 of the last 3 sessions asks for a professional instead; 1 of 3 eases off")
    func askProfessionalBoundary() throws {
        let twice = try only(sessions(calf, [.tooHard, .aboutRight, .tooHard]))
        #expect(twice.kind == .askProfessional)
        #expect(twice.id == "ask-professional.calf-stretch-wall")
        #expect(twice.proposed == nil)
        #expect(twice.message.contains("doctor or physiotherapist"))
        let outsideWindow = sessions(calf, [.tooHard, .aboutRight, .aboutRight, .tooHard])
        #expect(try only(outsideWindow).kind == .easeOff)
        let mixed = [session(0, [calf: .aboutRight], pain: (1, 4)), session(1, [calf: .tooHard])]
        #expect(try only(mixed).kind == .askProfessional)
    }

    @Test("After easing off is accepted, nothing more is suggested until it happens again, then a professional")
    func easeOffThenAgain() throws {
        let hard = sessions(calf, [.aboutRight, .tooHard])
        let eased = PersonalDose(
            exerciseId: calf, dose: DoseOverride(holdSeconds: 20), acceptedAt: start.addingTimeInterval(1.5 * 86_400))
        #expect(advice(hard, personal: [eased]).isEmpty)
        let again = hard + sessions(calf, [.tooHard], from: 2)
        #expect(try only(again, personal: [eased]).kind == .askProfessional)
    }

    // MARK: - Across exercises

    @Test("Asking a professional comes first, then easing off, then stepping up")
    func ordering() throws {
        let history = [
            session(0, ["prayer-pose": .tooHard, calf: .tooEasy]),
            session(1, ["prayer-pose": .tooHard, calf: .tooEasy]),
            session(2, [calf: .tooEasy, "cat-stretch": .tooHard]),
        ]
        #expect(advice(history).map(\.kind) == [.askProfessional, .easeOff, .extraSet])
        #expect(advice(history).map(\.exerciseId) == ["prayer-pose", "cat-stretch", calf])
    }

    @Test("Every message says what the person may do, and no suggestion changes anything by itself")
    func plainWords() throws {
        let history = [
            session(0, [calf: .tooEasy, "mid-trap-raise": .tooEasy, "prayer-pose": .tooHard]),
            session(1, [calf: .tooEasy, "mid-trap-raise": .tooEasy]),
            session(2, [calf: .tooEasy, "mid-trap-raise": .tooEasy, "cat-stretch": .tooEasy]),
        ]
        let found = advice(history)
        #expect(found.count == 3)
        for suggestion in found {
            #expect(suggestion.message.contains("may"), "\(suggestion.id)")
            #expect(!suggestion.message.lowercased().contains("cure"), "\(suggestion.id)")
            #expect(!suggestion.sources.isEmpty)
        }
    }

    @Test("Accepting remembers the dose it replaces and the suggestion; undoing goes back one step")
    func acceptAndUndo() throws {
        let suggestion = try only(sessions(calf, [.tooEasy, .tooEasy, .tooEasy]))
        let now = start.addingTimeInterval(10 * 86_400)
        let first = try #require(suggestion.accepted(replacing: nil, at: now))
        #expect(
            first
                == PersonalDose(
                    exerciseId: calf, dose: DoseOverride(sets: 2, restSeconds: 10), previous: nil, acceptedAt: now,
                    suggestionId: "extra-set.calf-stretch-wall.2"))
        #expect(first.undone == nil, "undoing the first change goes back to the catalog dose")
        let older = PersonalDose(exerciseId: calf, dose: DoseOverride(holdSeconds: 30, restSeconds: 15))
        let second = try #require(suggestion.accepted(replacing: older, at: now))
        #expect(second.previous == older.dose)
        #expect(second.undone == PersonalDose(exerciseId: calf, dose: older.dose))
        let advisory = try only(sessions("mid-trap-raise", [.tooEasy, .tooEasy, .tooEasy]))
        #expect(advisory.accepted(replacing: nil, at: now) == nil)
    }

    @Test("Suggestions encode with the kind's id and leave out an absent proposal")
    func encoding() throws {
        let suggestion = try only(sessions("mid-trap-raise", [.tooEasy, .tooEasy, .tooEasy]))
        let json = String(decoding: try JSONEncoder().encode(suggestion), as: UTF8.self)
        #expect(json.contains("\"kind\":\"hand-weights\""))
        #expect(!json.contains("proposed"))
        let decoded = try JSONDecoder().decode(ProgressionSuggestion.self, from: Data(json.utf8))
        #expect(decoded == suggestion)
    }
}

@Suite("Personal doses in the timeline")
struct PersonalDoseTimelineTests {
    let catalog: Catalog

    init() throws {
        catalog = try CatalogLoader.load()
    }

    @Test("A routine's own dose wins over a personal dose; a routine without one plays the personal dose")
    func routineDoseWins() throws {
        let compiler = TimelineCompiler(
            catalog: catalog, personalDoses: ["calf-stretch-wall": DoseOverride(holdSeconds: 40)])
        // The bedtime routine sets the trial's 10 s holds on purpose; they stay.
        let bedtime = try compiler.prescriptions(for: try #require(catalog.routine("bedtime-leg-cramps")))
        #expect(bedtime[0].dose.work == .hold(seconds: 10))
        #expect(bedtime[0].dose.sets == 3)
        #expect(!bedtime[0].isPersonal)
        // The seed routine uses the catalog dose, so the person's 40 s applies and is marked.
        let seed = try #require(catalog.routine("seed-full"))
        let prescriptions = try compiler.prescriptions(for: seed)
        #expect(prescriptions[0].dose.work == .hold(seconds: 40))
        #expect(prescriptions[0].isPersonal)
        #expect(!prescriptions[1].isPersonal)
        let holds = try compiler.compile(seed).steps.filter { $0.kind == .hold && $0.exerciseId == "calf-stretch-wall" }
        #expect(holds.count == 2)
        #expect(holds.allSatisfy { $0.duration == 40 })
    }

    @Test("Without personal doses the compiler gives the catalog's timeline, as before")
    func defaultIsNone() throws {
        let routine = try #require(catalog.routine("seed-full"))
        #expect(
            try TimelineCompiler(catalog: catalog).compile(routine)
                == TimelineCompiler(catalog: catalog, personalDoses: [:]).compile(routine))
        let same = TimelineCompiler(
            catalog: catalog, personalDoses: ["calf-stretch-wall": DoseOverride(holdSeconds: 30)])
        #expect(try same.prescriptions(for: routine).allSatisfy { !$0.isPersonal }, "a dose that changes nothing")
    }
}
