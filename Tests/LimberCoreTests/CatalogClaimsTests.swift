import Foundation
import Testing

@testable import LimberCore

/// Every claim in the bundled catalog stays inside its sources: each caution names where it comes from, each
/// dose number comes from a source that gives it or says it is Limber's own, and each sourced number sits within
/// what that source gives (as `clinical-facts.md` records it).
@Suite("Bundled catalog claims stay inside their sources")
struct CatalogClaimsTests {
    let catalog: Catalog

    init() throws {
        catalog = try CatalogLoader.load()
    }

    /// The bundled file as plain JSON, read without the validator, so a missing source is reported by
    /// exercise even if the validator ever stopped checking it.
    func rawExercises() throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: CatalogLoader.bundledData()) as? [String: Any]
        return try #require(object?["exercises"] as? [[String: Any]])
    }

    @Test("Every caution in the bundled catalog names at least one source, and the exercise lists it")
    func everyCautionHasASource() throws {
        for exercise in try rawExercises() {
            let id = exercise["id"] as? String ?? "?"
            for (k, caution) in (exercise["cautions"] as? [[String: Any]] ?? []).enumerated() {
                let sources = caution["sources"] as? [[String: Any]] ?? []
                #expect(!sources.isEmpty, "\(id) caution \(k) has no source: \(caution["text"] ?? "")")
            }
        }
        for exercise in catalog.exercises {
            for caution in exercise.cautions {
                for source in caution.sources {
                    #expect(
                        exercise.sources.contains { $0.citesSameWork(as: source) },
                        "\(exercise.id): \(source.citation) backs a caution but is not in its sources")
                }
            }
        }
    }

    @Test("Every dose number in the bundled catalog has a source that gives it, or is labelled a project default")
    func everyNumberIsSourcedOrLabelled() throws {
        for exercise in catalog.exercises {
            let sourced = Set(exercise.sources.flatMap(\.doseFields))
            for number in exercise.dose.statedNumbers {
                #expect(
                    sourced.contains(number.field) || exercise.projectDefaults.contains(number.field),
                    "\(exercise.id): \(number.field) = \(number.value) has neither a source nor a label")
                #expect(
                    !(sourced.contains(number.field) && exercise.projectDefaults.contains(number.field)),
                    "\(exercise.id): \(number.field) is both sourced and a project default")
            }
        }
        for routine in catalog.routines {
            let sourced = Set(routine.sources.flatMap(\.doseFields))
            for item in routine.items {
                for number in item.dose?.statedNumbers ?? [] {
                    #expect(sourced.contains(number.field), "\(routine.id): \(item.exerciseId) \(number.key)")
                }
            }
        }
    }

    /// What each source gives, as clinical-facts.md records it (the item number in brackets).
    static let sourceRanges: [String: [String: ClosedRange<Int>]] = [
        // ACSM (15): hold 10-30 s for most adults; repeat 2-4 times.
        "American College of Sports Medicine": ["hold.seconds": 10...30, "sets": 2...4],
        // Kaiser Permanente neck exercises (33): 15-30 s, 2-4 times each side.
        "Kaiser Permanente: Neck exercises": ["hold.seconds": 15...30, "sets": 2...4],
        // SIRA NSW chin tuck (33): about 10 times.
        "SIRA NSW": ["repeat.count": 10...10],
        // US Air Force CEMM wrist stretching (36): 15-30 s, 3 times.
        "US Air Force (CEMM)": ["hold.seconds": 15...30, "sets": 3...3],
        // Froedtert foot and ankle stretches (31): 10-15 s.
        "Froedtert & the Medical College of Wisconsin": ["hold.seconds": 10...15],
        // AAOS OrthoInfo knee programme (32): 30-60 s, 2-3 times.
        "AAOS OrthoInfo": ["hold.seconds": 30...60, "sets": 2...3],
        // ACE side-lying quadriceps (32): 30-45 s.
        "American Council on Exercise (ACE)": ["hold.seconds": 30...45],
        // BayCare lying figure-four (35): 30-60 s, 2 times.
        "BayCare": ["hold.seconds": 30...60, "sets": 2...2],
        // Eskenazi Health seated figure-four (35): 10-15 s.
        "Eskenazi Health": ["hold.seconds": 10...15],
        // MSD soleus stretch (38): 30 s.
        "MSD Manuals": ["hold.seconds": 30...30],
        // Mayo Clinic basic stretches (general note, 34): about 30 s.
        "Mayo Clinic: A guide to basic stretches": ["hold.seconds": 30...30],
        // NHS lower back pain exercises (34): 10-15 slow rocks.
        "NHS: Exercises for lower back pain (pelvic tilt)": ["repeat.count": 10...15],
        // The seed: 30 s calf, hamstring and prayer holds; 15 mid-trap raises; 3 x 15 s thoracic.
        "seed": ["hold.seconds": 15...30, "repeat.count": 15...15, "sets": 3...3],
    ]

    func range(for source: Source, field: String) -> ClosedRange<Int>? {
        let keys = source.kind == .seed ? ["seed"] : [source.citation, source.publisher ?? ""]
        return keys.lazy.compactMap { Self.sourceRanges[$0]?[field] }.first
    }

    @Test("Every sourced dose number sits inside the range its source gives")
    func sourcedNumbersAreInsideTheirSources() throws {
        for exercise in catalog.exercises {
            for number in exercise.dose.statedNumbers {
                for source in exercise.sources where source.doseFields.contains(number.field) {
                    let given = try #require(
                        range(for: source, field: number.field),
                        "\(exercise.id): no range recorded for \(source.citation) giving \(number.field)")
                    #expect(
                        given.contains(number.value),
                        "\(exercise.id): \(number.field) = \(number.value), but \(source.citation) gives \(given)")
                }
            }
        }
    }

    @Test("No stretch holds a muscle for more than about 60 s in all, ACSM's total per muscle")
    func holdsStayWithinAMinutePerMuscle() throws {
        for exercise in catalog.exercises {
            guard case .hold(let seconds) = exercise.dose.work else { continue }
            #expect(seconds * exercise.dose.sets <= 60, "\(exercise.id): \(exercise.dose.sets) x \(seconds) s")
        }
        let bedtime = try #require(catalog.routine("bedtime-leg-cramps"))
        for item in bedtime.items {
            let dose = try #require(catalog.exercise(item.exerciseId)).dose.applying(item.dose)
            #expect(dose.work == .hold(seconds: 10), "Hallegraeff 2012 held each stretch 10 s")
            #expect(dose.sets == 3)
            #expect(dose.restSeconds == 10)
        }
    }

    @Test("Project defaults read as one plain sentence with the numbers, never as field names")
    func projectDefaultsReadPlainly() throws {
        let calf = try #require(catalog.exercise("calf-stretch-wall"))
        #expect(
            calf.projectDefaultsSentence
                == "Limber chose the 10 s to get into position and the 5 s to switch legs; no source gives these times."
        )
        let foot = try #require(catalog.exercise("foot-toe-stretch"))
        #expect(foot.projectDefaultsSentence?.contains("the 2 holds on each foot") == true)
        #expect(foot.projectDefaultsSentence?.hasSuffix("no source gives these numbers.") == true)
        for exercise in catalog.exercises where !exercise.projectDefaults.isEmpty {
            let sentence = try #require(exercise.projectDefaultsSentence, "\(exercise.id)")
            // "sides" and "sets" are plain words too; the others are only ever field names.
            for field in Exercise.doseFieldNames where field.contains(".") || field.contains(where: \.isUppercase) {
                #expect(!sentence.contains(field), "\(exercise.id): \(sentence)")
            }
        }
    }
}
