import Foundation
import Testing

@testable import LimberCore

/// A hand-written catalog with a mistake is refused with the file, the JSON path and what to fix.
@Suite("Catalog validation names the file, the path and the fix")
struct CatalogValidationTests {
    /// A small valid catalog, edited by each test to break one thing.
    static var valid: [String: Any] {
        [
            "version": 1,
            "regions": [
                ["id": "calf", "name": "Calf", "about": "Back of the lower leg.", "view": "back", "sided": true]
            ],
            "exercises": [
                [
                    "id": "tiny-calf", "name": "Tiny calf stretch", "kind": "stretch", "summary": "A test stretch.",
                    "regions": ["primary": ["calf"]], "position": "standing", "steps": ["Stand."],
                    "sensation": "Mild tension.", "dose": ["hold": ["seconds": 2], "sides": ["left", "right"]],
                    "sources": [["kind": "seed"]], "projectDefaults": ["hold.seconds"],
                ]
            ],
            "routines": [
                [
                    "id": "tiny", "name": "Tiny", "purpose": "relief", "summary": "Test.",
                    "items": [["exerciseId": "tiny-calf"]],
                ]
            ],
        ]
    }

    func errorFor(_ edit: (inout [String: Any]) -> Void) -> CatalogError? {
        var object = Self.valid
        edit(&object)
        let data = try! JSONSerialization.data(withJSONObject: object)
        do {
            let file = try CatalogLoader.decode(data, name: "catalog.json")
            _ = try CatalogLoader.merge([("catalog.json", file)])
            return nil
        } catch {
            return error
        }
    }

    func editExercise(_ edit: @escaping (inout [String: Any]) -> Void) -> (inout [String: Any]) -> Void {
        { object in
            var exercises = object["exercises"] as! [[String: Any]]
            edit(&exercises[0])
            object["exercises"] = exercises
        }
    }

    @Test("The small test catalog is valid")
    func validCatalogLoads() {
        #expect(errorFor { _ in } == nil)
    }

    @Test("A hold of 0 s names the path and the accepted range")
    func holdOutOfRange() {
        let error = errorFor(editExercise { $0["dose"] = ["hold": ["seconds": 0]] })
        #expect(error?.description == "catalog.json: exercises[0].dose.hold.seconds: must be 1...600, got 0")
    }

    @Test("An unknown field is an error that lists the accepted fields")
    func unknownField() throws {
        let error = try #require(errorFor(editExercise { $0["holdTime"] = 30 }))
        #expect(error.path == "exercises[0].holdTime")
        #expect(error.message.contains("unknown field"))
        #expect(error.message.contains("dose"))
    }

    @Test("A duplicate exercise id names both places")
    func duplicateID() throws {
        let error = try #require(
            errorFor { object in
                var exercises = object["exercises"] as! [[String: Any]]
                exercises.append(exercises[0])
                object["exercises"] = exercises
            })
        #expect(
            error.description
                == "catalog.json: exercises[1].id: duplicate id \"tiny-calf\", already used by exercises[0]")
    }

    @Test("A reference to an unknown region lists the known ones")
    func unknownRegion() throws {
        let error = try #require(errorFor(editExercise { $0["regions"] = ["primary": ["elbow"]] }))
        #expect(error.path == "exercises[0].regions.primary[0]")
        #expect(error.message.contains("unknown region \"elbow\""))
        #expect(error.message.contains("calf"))
    }

    @Test("A routine that names an unknown exercise is refused")
    func unknownExercise() throws {
        let error = try #require(
            errorFor { object in
                object["routines"] = [
                    [
                        "id": "tiny", "name": "Tiny", "purpose": "relief", "summary": "Test.",
                        "items": [["exerciseId": "no-such-stretch"]],
                    ]
                ]
            })
        #expect(error.path == "routines[0].items[0].exerciseId")
        #expect(error.message.contains("no-such-stretch"))
    }

    @Test("A wrong enum value lists what is accepted")
    func badEnum() throws {
        let error = try #require(errorFor(editExercise { $0["position"] = "upside-down" }))
        #expect(error.path == "exercises[0].position")
        #expect(error.message.contains("standing"))
        #expect(error.message.contains("\"upside-down\""))
    }

    @Test("A missing required field is named")
    func missingField() throws {
        let error = try #require(errorFor(editExercise { $0.removeValue(forKey: "sensation") }))
        #expect(error.description == "catalog.json: exercises[0].sensation: is required but missing")
    }

    @Test("A dose with both a hold and repetitions is refused")
    func holdAndRepeat() throws {
        let error = try #require(
            errorFor(
                editExercise {
                    $0["dose"] = [
                        "hold": ["seconds": 5], "repeat": ["count": 3, "phases": [["name": "up", "seconds": 1]]],
                    ]
                }))
        #expect(error.path == "exercises[0].dose")
    }

    // MARK: - Claims need sources

    static var wallGuide: [String: Any] { ["kind": "reference", "title": "Wall stretches", "publisher": "A clinic"] }

    @Test("A caution without a source is refused, with its path and what to do")
    func cautionWithoutSource() throws {
        let error = try #require(
            errorFor(editExercise { $0["cautions"] = [["text": "Stop if it hurts."]] }))
        #expect(error.path == "exercises[0].cautions[0].sources")
        #expect(error.message.contains("must cite at least one source"))
        #expect(error.message.contains("or remove it"))
    }

    @Test("A caution cites a source the exercise lists too, so the person can see it")
    func cautionSourceIsListed() throws {
        let error = try #require(
            errorFor(editExercise { $0["cautions"] = [["text": "Stop if it hurts.", "sources": [Self.wallGuide]]] }))
        #expect(error.path == "exercises[0].cautions[0].sources[0]")
        #expect(error.message.contains("A clinic: Wall stretches"))
        #expect(error.message.contains("add it there too"))
        let listed = errorFor(
            editExercise {
                $0["cautions"] = [["text": "Stop if it hurts.", "sources": [Self.wallGuide]]]
                $0["sources"] = [["kind": "seed"], Self.wallGuide]
            })
        #expect(listed == nil)
    }

    @Test("A dose number with no source and no project-default label is refused, naming the number and both fixes")
    func unlabelledNumber() throws {
        let error = try #require(
            errorFor(editExercise { $0["dose"] = ["hold": ["seconds": 2], "sets": 3, "sides": ["left", "right"]] }))
        #expect(
            error.description
                == "catalog.json: exercises[0].dose.sets: 3 has no source; add \"sets\" to the doseFields of the "
                + "source that gives it, or to projectDefaults if Limber chose it")
        let sourced = errorFor(
            editExercise {
                $0["dose"] = ["hold": ["seconds": 2], "sets": 3, "sides": ["left", "right"]]
                $0["sources"] = [["kind": "seed"], Self.wallGuide.merging(["doseFields": ["sets"]]) { $1 }]
            })
        #expect(sourced == nil)
        let unlabelledSetup = try #require(
            errorFor(editExercise { $0["dose"] = ["hold": ["seconds": 2], "setupSeconds": 10] }))
        #expect(unlabelledSetup.path == "exercises[0].dose.setupSeconds")
    }

    @Test("A number cannot come from a source and be Limber's own choice at once")
    func sourcedAndProjectDefault() throws {
        let error = try #require(
            errorFor(editExercise { $0["sources"] = [["kind": "seed", "doseFields": ["hold.seconds"]]] }))
        #expect(error.path == "exercises[0].sources[0].doseFields[0]")
        #expect(error.message.contains("also in projectDefaults"))
        let unknown = try #require(
            errorFor(editExercise { $0["sources"] = [["kind": "seed", "doseFields": ["holdSeconds"]]] }))
        #expect(unknown.message.contains("got \"holdSeconds\""))
    }

    @Test("A routine that changes a dose names the source of each new number")
    func routineOverrideNeedsSource() throws {
        func routine(_ sources: [[String: Any]]) -> (inout [String: Any]) -> Void {
            { object in
                object["routines"] = [
                    [
                        "id": "tiny", "name": "Tiny", "purpose": "bedtime", "summary": "Test.", "sources": sources,
                        "items": [["exerciseId": "tiny-calf", "dose": ["holdSeconds": 10, "sets": 3]]],
                    ]
                ]
            }
        }
        let error = try #require(errorFor(routine([["kind": "seed", "doseFields": ["hold.seconds"]]])))
        #expect(error.path == "routines[0].items[0].dose.sets")
        #expect(error.message.contains("add \"sets\" to the doseFields"))
        #expect(errorFor(routine([["kind": "seed", "doseFields": ["hold.seconds", "sets"]]])) == nil)
    }

    @Test("A file that is not JSON says so")
    func notJSON() throws {
        #expect(throws: CatalogError.self) {
            _ = try CatalogLoader.decode(Data("{ not json".utf8), name: "mine.json")
        }
        do {
            _ = try CatalogLoader.decode(Data("{ not json".utf8), name: "mine.json")
        } catch {
            #expect(error.description.hasPrefix("mine.json: is not valid JSON"))
        }
    }

    @Test("A user catalog replaces a bundled exercise by id and adds new routines")
    func userCatalogMergesOverBundled() throws {
        var object = Self.valid
        var exercises = object["exercises"] as! [[String: Any]]
        exercises[0]["id"] = "calf-stretch-wall"
        exercises[0]["name"] = "My calf stretch"
        object["exercises"] = exercises
        object["regions"] = []
        object["routines"] = [
            [
                "id": "mine", "name": "Mine", "purpose": "relief", "summary": "Mine.",
                "items": [["exerciseId": "calf-stretch-wall"], ["exerciseId": "prayer-pose"]],
            ]
        ]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("limber-user-\(UUID()).json")
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        let catalog = try CatalogLoader.load(userCatalogPath: url.path)
        #expect(catalog.exercise("calf-stretch-wall")?.name == "My calf stretch")
        #expect(catalog.routine("mine")?.items.count == 2)
        #expect(catalog.exercise("prayer-pose") != nil)
        let bundled = try CatalogLoader.load()
        #expect(catalog.exercises.count == bundled.exercises.count)
    }
}
