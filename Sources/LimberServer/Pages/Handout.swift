import Foundation
import Hummingbird
import LimberCore

/// A printable handout for a routine: each exercise with its figures, cautions first, its steps and
/// the person's own dose and sides, then the warning signs and where the advice comes from. The web
/// page links its style sheets and figure images; the file `limber handout` writes carries them
/// inside, so it opens anywhere, offline.
public struct Handout: Sendable {
    public enum Form: Sendable {
        /// Served by `limber serve`: style sheets and figures by address, for the site's policy.
        case page
        /// One self-contained file.
        case file
    }

    struct Context {
        var title: String
        var routineName: String
        var summary: String
        var totalText: String
        var exercises: [ExerciseBlock]
        var urgentSigns: [WarningSign]
        var doctorSigns: [WarningSign]
        var sources: [String]
        var disclaimer: String
        var figureSources: String
        var isFile: Bool
        var inlineStyle: String
    }

    struct ExerciseBlock {
        var number: Int
        var name: String
        var dose: String
        var isPersonal: Bool
        var mirrorNote: String?
        var cautions: [String]
        var steps: [String]
        var sensation: String
        var figures: [FigureBlock]
    }

    struct FigureBlock {
        var label: String
        /// Under the picture: where it is seen from and which side it shows.
        var note: String
        var html: String
    }

    struct WarningSign {
        var question: String
        var whatToDo: String
    }

    let catalog: Catalog
    let safety: SafetyContent

    public init(catalog: Catalog, safety: SafetyContent) {
        self.catalog = catalog
        self.safety = safety
    }

    /// The handout as a complete HTML document.
    public func render(
        _ routine: Routine, personalDoses: [String: DoseOverride], form: Form
    ) async throws -> String {
        try render(routine, personalDoses: personalDoses, form: form, pages: try await PageRenderer.makeBundled())
    }

    func render(
        _ routine: Routine, personalDoses: [String: DoseOverride], form: Form, pages: PageRenderer
    ) throws -> String {
        let context = try self.context(routine, personalDoses: personalDoses, form: form)
        return pages.htmlWithoutSession("handout", context)
    }

    func context(_ routine: Routine, personalDoses: [String: DoseOverride], form: Form) throws -> Context {
        let compiler = TimelineCompiler(catalog: catalog, personalDoses: personalDoses)
        let prescriptions = try compiler.prescriptions(for: routine)
        var seenSources: [String] = []
        var exercises: [ExerciseBlock] = []
        for (index, prescription) in prescriptions.enumerated() {
            let exercise = prescription.exercise
            let number = index + 1
            var figures: [FigureBlock] = []
            if let figure = exercise.figure, let renderer = FigureRenderer(exercise) {
                let side = prescription.dose.sides.first ?? figure.drawnSide
                for (k, keyframe) in figure.keyframes.enumerated() {
                    let letter = String(UnicodeScalar(UInt8(97 + k)))
                    let name = Figure.poseName(keyframe.step)
                    // Drawn inline in both forms, so the handout's own style sheet keeps its figures
                    // dark on white paper whatever theme the screen has.
                    let view = figure.view == .side ? "Seen from the side" : "Seen from the front"
                    let sideNote = side.map { ", \($0.rawValue) \(exercise.sideNoun)" } ?? ""
                    figures.append(
                        FigureBlock(
                            label: "\(number)\(letter). \(name)", note: "(\(number)\(letter)) \(view)\(sideNote)",
                            html: renderer.svg(
                                step: keyframe.step, side: side, standalone: false, id: "fig-\(number)\(letter)")))
                }
            }
            let sides = prescription.dose.sides
            exercises.append(
                ExerciseBlock(
                    number: number, name: exercise.name,
                    dose: prescription.dose.summary(sideNoun: exercise.sideNoun), isPersonal: prescription.isPersonal,
                    mirrorNote: figures.isEmpty || sides.count < 2
                        ? nil
                        : "The figures show the \(sides[0].rawValue) \(exercise.sideNoun); for the other, do the mirror image.",
                    cautions: exercise.cautions.map(\.displayLine), steps: exercise.steps,
                    sensation: exercise.sensation,
                    figures: figures))
            for source in exercise.sources.map(\.citation) where !seenSources.contains(source) {
                seenSources.append(source)
            }
        }
        let regions = Set(prescriptions.flatMap { $0.exercise.regions.primary + $0.exercise.regions.secondary })
        let signs = safety.redFlags.filter { $0.concerns(Array(regions)) }
        for source in signs.flatMap(\.sources).map(\.citation) where !seenSources.contains(source) {
            seenSources.append(source)
        }
        var style = ""
        if form == .file {
            let url = Bundle.module.url(forResource: "handout", withExtension: "css", subdirectory: "public")
            style = (url.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? "") + FigureStyle.css
        }
        return Context(
            title: "\(routine.name): handout", routineName: routine.name, summary: routine.summary,
            totalText: formatDuration(prescriptions.reduce(0) { $0 + $1.dose.totalSeconds }),
            exercises: exercises,
            urgentSigns: signs.filter { $0.level == .urgent }.map {
                WarningSign(question: $0.question, whatToDo: $0.message)
            },
            doctorSigns: signs.filter { $0.level != .urgent }.map {
                WarningSign(question: $0.question, whatToDo: $0.message)
            },
            sources: seenSources, disclaimer: safety.disclaimer,
            figureSources: "Figures drawn by Limber from pose data. \(BodyProportions.source) \(JointRange.source)",
            isFile: form == .file, inlineStyle: style)
    }
}

/// `GET /routines/{id}/handout` for one of the person's routines, and `GET /handout?...` for
/// whatever the player can play: `?routine=ID`, or a plan (`?region=R&side=S&goal=G`), with the
/// same query the player takes, so "print this" prints what would be played.
struct HandoutPages {
    let services: APIServices
    let pages: PageRenderer
    let safety: SafetyContent

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("routines/{id}/handout") { _, context in
            let me = try services.person(context)
            let id = try context.parameters.require("id")
            guard let routine = try await me.routine(id: id) else { throw Problem.notFound("The routine \"\(id)\"") }
            return try await page(routine, for: me)
        }
        router.get("handout") { request, context in
            let me = try services.person(context)
            let query = request.uri.queryParameters
            let api = RoutineController(services: services)
            if let id = query["routine"].map(String.init) {
                guard let routine = try await me.routine(id: id) else {
                    throw Problem.notFound("The routine \"\(id)\"")
                }
                return try await page(routine, for: me)
            }
            let plan = try api.makePlan(try api.planRequest(from: query, conditions: try await me.conditions()))
            return try await page(plan.routine, for: me)
        }
    }

    private func page(_ routine: Routine, for me: PersonServices) async throws -> Response {
        let html = try Handout(catalog: services.catalog, safety: safety).render(
            routine, personalDoses: try await me.makeCompiler().personalDoses, form: .page, pages: pages)
        return Response(
            status: .ok, headers: [.contentType: PageRenderer.contentType],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
