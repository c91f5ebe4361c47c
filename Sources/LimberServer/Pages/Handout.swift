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
        var warningSigns: [WarningSign]
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
        var sidesText: String?
        var cautions: [String]
        var steps: [String]
        var sensation: String
        var figures: [FigureBlock]
    }

    struct FigureBlock {
        var label: String
        var caption: String
        var html: String
    }

    struct WarningSign {
        var question: String
        var isUrgent: Bool
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
        return PageSession.$current.withValue(nil) { pages.html("handout", context) }
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
                    let moment = Self.moment(keyframe.step)
                    let html: String
                    switch form {
                    case .page:
                        html =
                            "<img src=\"\(FigureImages.url(exercise, step: keyframe.step, side: side).replacingOccurrences(of: "&", with: "&amp;"))\" alt=\"\" width=\"240\" height=\"180\">"
                    case .file:
                        html = renderer.svg(
                            step: keyframe.step, side: side, standalone: false, id: "fig-\(number)\(letter)")
                    }
                    figures.append(
                        FigureBlock(
                            label: "\(number)\(letter). \(moment)", caption: "\(exercise.name): \(moment.lowercased())",
                            html: html))
                }
            }
            let sides = prescription.dose.sides
            exercises.append(
                ExerciseBlock(
                    number: number, name: exercise.name,
                    dose: prescription.dose.summary(sideNoun: exercise.sideNoun), isPersonal: prescription.isPersonal,
                    sidesText: sides.isEmpty
                        ? nil
                        : "Sides: " + sides.map { "\($0.rawValue) \(exercise.sideNoun)" }.joined(separator: ", then ")
                            + (figures.isEmpty || sides.count < 2
                                ? "" : ". The figures show the first; the other is its mirror image."),
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
            warningSigns: signs.map { WarningSign(question: $0.question, isUrgent: $0.level == .urgent) },
            sources: seenSources, disclaimer: safety.disclaimer,
            figureSources: "Figures drawn by Limber from pose data. \(BodyProportions.source) \(JointRange.source)",
            isFile: form == .file, inlineStyle: style)
    }

    static func moment(_ step: String) -> String {
        switch step {
        case "setup": return "Start"
        case "hold": return "Hold"
        default: return step.prefix(1).uppercased() + step.dropFirst()
        }
    }
}

/// `GET /routines/{id}/handout`: the handout of one of the person's routines, with their doses.
struct HandoutPages {
    let services: APIServices
    let pages: PageRenderer
    let safety: SafetyContent

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("routines/{id}/handout") { _, context in
            let me = try services.person(context)
            let id = try context.parameters.require("id")
            guard let routine = try await me.routine(id: id) else { throw Problem.notFound("The routine \"\(id)\"") }
            let html = try Handout(catalog: services.catalog, safety: safety).render(
                routine, personalDoses: try await me.makeCompiler().personalDoses, form: .page, pages: pages)
            return Response(
                status: .ok, headers: [.contentType: PageRenderer.contentType],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }
}
