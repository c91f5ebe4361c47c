import LimberCore
import Testing

/// A person's own routine is checked against the bundled catalog before it is saved, and a
/// refusal names the field and what to change.
@Suite("Custom routines are checked before they are saved")
struct CustomRoutineRulesTests {
    let catalog: Catalog

    init() throws {
        catalog = try CatalogLoader.load()
    }

    @Test("A routine made of catalog exercises with doses in range is accepted")
    func validRoutineIsAccepted() throws {
        let routine = makeRoutine(items: [
            .init(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 45, sets: 2, sides: [.right])),
            .init(exerciseId: "mid-trap-raise", dose: DoseOverride(repetitions: 10, restSeconds: 30)),
            .init(exerciseId: "prayer-pose"),
        ])

        try CustomRoutineRules.validate(routine, catalog: catalog)
    }

    @Test("A routine with no exercises is refused")
    func noItemsIsRefused() {
        let error = validationError(makeRoutine(items: []))

        #expect(error?.field == "items")
        #expect(error?.value == "0 exercises")
        #expect(error?.accepted == "choose 1 to 20 exercises")
    }

    @Test("Twenty exercises are accepted and twenty-one refused")
    func itemCountBoundary() {
        let item = Routine.Item(exerciseId: "calf-stretch-wall")

        #expect(validationError(makeRoutine(items: Array(repeating: item, count: 20))) == nil)
        let error = validationError(makeRoutine(items: Array(repeating: item, count: 21)))
        #expect(error?.field == "items")
        #expect(error?.value == "21 exercises")
    }

    @Test(
        "A hold of 1 or 600 seconds is accepted, 0 or 601 refused with the item's path",
        arguments: [(1, true), (600, true), (0, false), (601, false)])
    func holdBoundaries(seconds: Int, isAccepted: Bool) {
        let routine = makeRoutine(items: [
            .init(exerciseId: "prayer-pose"),
            .init(exerciseId: "chin-tuck"),
            .init(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: seconds)),
        ])

        let error = validationError(routine)

        if isAccepted {
            #expect(error == nil)
        } else {
            #expect(
                error
                    == FieldError(field: "items[2].dose.holdSeconds", value: "\(seconds)", accepted: "must be 1...600"))
        }
    }

    @Test(
        "Every overridden dose number keeps the catalog's range",
        arguments: [
            (DoseOverride(repetitions: 101), "repetitions", "101"),
            (DoseOverride(sets: 0), "sets", "0"),
            (DoseOverride(sets: 11), "sets", "11"),
            (DoseOverride(restSeconds: 301), "restSeconds", "301"),
        ])
    func otherDoseRanges(dose: DoseOverride, name: String, value: String) {
        let routine = makeRoutine(items: [.init(exerciseId: "mid-trap-raise", dose: dose)])

        let error = validationError(routine)

        #expect(error?.field == "items[0].dose.\(name)")
        #expect(error?.value == value)
    }

    @Test("A hold time for an exercise counted in repetitions is refused")
    func overrideMustFitTheExercise() {
        let routine = makeRoutine(items: [.init(exerciseId: "mid-trap-raise", dose: DoseOverride(holdSeconds: 30))])

        let error = validationError(routine)

        #expect(error?.field == "items[0].dose.holdSeconds")
        #expect(error?.value == "30")
        #expect(error?.accepted.contains("set repetitions instead") == true)
    }

    @Test("Sides for an exercise that works both sides at once are refused, and so is naming a side twice")
    func sidesMustFitTheExercise() {
        let bothAtOnce = makeRoutine(items: [.init(exerciseId: "prayer-pose", dose: DoseOverride(sides: [.left]))])
        let twice = makeRoutine(items: [
            .init(exerciseId: "calf-stretch-wall", dose: DoseOverride(sides: [.left, .left]))
        ])

        #expect(validationError(bothAtOnce)?.field == "items[0].dose.sides")
        #expect(validationError(bothAtOnce)?.value == "left")
        #expect(validationError(twice)?.field == "items[0].dose.sides")
        #expect(validationError(twice)?.value == "left, left")
    }

    @Test("An exercise that is not in the catalog is refused by its item's path")
    func unknownExerciseIsRefused() {
        let routine = makeRoutine(items: [
            .init(exerciseId: "calf-stretch-wall"), .init(exerciseId: "handstand-push-up"),
        ])

        let error = validationError(routine)

        #expect(error?.field == "items[1].exerciseId")
        #expect(error?.value == "handstand-push-up")
    }

    @Test("The id of a built-in routine is refused, so a custom routine never hides one")
    func builtInIDIsRefused() {
        let error = validationError(makeRoutine(id: "relief-calf"))

        #expect(error?.field == "id")
        #expect(error?.value == "relief-calf")
        #expect(error?.accepted == "choose an id that no built-in routine uses")
    }

    @Test("An id that is not kebab-case is refused", arguments: ["", "My Routine", "calf--stretch", "calf-", "Calf"])
    func idMustBeKebabCase(id: String) {
        let error = validationError(makeRoutine(id: id))

        #expect(error?.field == "id")
        #expect(error?.value == id)
    }

    @Test("A name of 1 to 80 characters is accepted")
    func nameLengthBoundaries() {
        #expect(validationError(makeRoutine(name: "A")) == nil)
        #expect(validationError(makeRoutine(name: String(repeating: "é", count: 80))) == nil)
        #expect(validationError(makeRoutine(name: String(repeating: "a", count: 81)))?.field == "name")
    }

    @Test("An empty or blank name is refused as missing", arguments: ["", "   ", "\n\t"])
    func blankNameIsRefused(name: String) {
        let error = validationError(makeRoutine(name: name))

        #expect(error?.field == "name")
        #expect(error?.description.contains("missing") == true)
    }

    @Test("A region that the catalog does not know is refused")
    func unknownRegionIsRefused() {
        var routine = makeRoutine()
        routine.regions = ["calf", "elbow"]

        let error = validationError(routine)

        #expect(error?.field == "regions[1]")
        #expect(error?.value == "elbow")
    }

    // MARK: - Helpers

    private func makeRoutine(
        id: String = "my-calves", name: String = "My calves",
        items: [Routine.Item] = [.init(exerciseId: "calf-stretch-wall")]
    ) -> Routine {
        Routine(id: id, name: name, purpose: .relief, summary: "", regions: ["calf"], items: items)
    }

    private func validationError(_ routine: Routine) -> FieldError? {
        do throws(FieldError) {
            try CustomRoutineRules.validate(routine, catalog: catalog)
            return nil
        } catch {
            return error
        }
    }
}
