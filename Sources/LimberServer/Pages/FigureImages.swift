import Foundation
import Hummingbird
import LimberCore

/// Every figure the pages show, drawn once when the server starts: each keyframe of each exercise
/// as an SVG file (plain and mirrored) with a strong ETag, and the moving figure the exercise page
/// and the player draw inline. The catalog never changes while the server runs, so neither do these.
struct FigureImages: Sendable {
    private struct Key: Hashable {
        var exercise: String
        var step: String
        var mirrored: Bool
    }

    private let files: [Key: CachedBody]
    /// `FigureStyle.css` for pages that draw figures inline.
    let styleSheet: CachedBody
    private let moving: [String: String]
    private let demos: [String: String]

    /// A day: the bytes only change with a new version of Limber, and the tag says when they do.
    static let cacheControl = "public, max-age=86400"

    init(catalog: Catalog) throws {
        var files: [Key: CachedBody] = [:]
        var moving: [String: String] = [:]
        var demos: [String: String] = [:]
        for exercise in catalog.exercises {
            guard let renderer = FigureRenderer(exercise), let figure = exercise.figure else { continue }
            let sides: [Side?] = figure.drawnSide.map { drawn in [drawn, drawn == .left ? .right : .left] } ?? [nil]
            for keyframe in figure.keyframes {
                for side in sides {
                    let svg = renderer.svg(step: keyframe.step, side: side, standalone: true)
                    files[Key(exercise: exercise.id, step: keyframe.step, mirrored: figure.isMirrored(for: side))] =
                        try CachedBody(
                            ByteBuffer(string: svg), contentType: "image/svg+xml; charset=utf-8",
                            cacheControl: Self.cacheControl)
                }
            }
            moving[exercise.id] = renderer.liveHTML(
                step: figure.workingStep, side: figure.drawnSide, id: "fig-\(exercise.id)")
            let demo = FigureMotion.demo(figure: figure, dose: exercise.dose)
            let data = try APIJSON.encoder.encode(demo.moves)
            demos[exercise.id] = "{\"seconds\":\(demo.seconds),\"moves\":\(String(decoding: data, as: UTF8.self))}"
        }
        self.files = files
        styleSheet = try CachedBody(
            ByteBuffer(string: FigureStyle.css), contentType: "text/css; charset=utf-8", cacheControl: Self.cacheControl
        )
        self.moving = moving
        self.demos = demos
    }

    /// The image for `GET /figures/{id}.svg?step=&side=`.
    func file(exercise: String, step: String, mirrored: Bool) -> CachedBody? {
        files[Key(exercise: exercise, step: step, mirrored: mirrored)]
    }

    /// The figure with every keyframe's transforms, for a page to animate; nil without a figure.
    func movingFigure(_ exercise: String) -> String? { moving[exercise] }

    /// The exercise page's loop, as JSON: `{"seconds": 8, "moves": [...]}`.
    func demoJSON(_ exercise: String) -> String? { demos[exercise] }

    /// The working pose's image, as lists show it beside the name; nil without a figure.
    static func thumbnailURL(_ exercise: Exercise) -> String? {
        guard let figure = exercise.figure else { return nil }
        return url(exercise, step: figure.workingStep, side: figure.drawnSide)
    }

    /// The address of one keyframe's image.
    static func url(_ exercise: Exercise, step: String, side: Side? = nil) -> String {
        "/figures/\(exercise.id).svg?step=\(step)" + (side.map { "&side=\($0.rawValue)" } ?? "")
    }
}

/// `GET /figures/{id}.svg`: one keyframe of an exercise's figure as an image.
struct FigurePages {
    let services: APIServices
    let figures: FigureImages

    /// An SVG shown as an image runs no script; its own style sheet is inline, so its policy allows that.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("figure.css") { request, _ in figures.styleSheet.response(to: request) }
        router.get("figures/{file}") { request, context in
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".svg"), let exercise = services.catalog.exercise(String(file.dropLast(4))),
                let figure = exercise.figure
            else { throw Problem.notFound("The figure \"\(file)\"") }
            let steps = figure.keyframes.map(\.step)
            let step = request.uri.queryParameters["step"].map(String.init) ?? figure.workingStep
            guard steps.contains(step) else {
                throw Problem(
                    .badRequest,
                    "step: \"\(step)\" is not a pose of \(exercise.id); use one of \(steps.joined(separator: ", "))",
                    field: "step")
            }
            var side: Side?
            if let raw = request.uri.queryParameters["side"].map(String.init) {
                guard let parsed = Side(rawValue: raw) else {
                    throw Problem(.badRequest, "side: \"\(raw)\" is not a side; use left or right", field: "side")
                }
                side = parsed
            }
            guard let body = figures.file(exercise: exercise.id, step: step, mirrored: figure.isMirrored(for: side))
            else {
                throw Problem.notFound("The figure \"\(file)\"")
            }
            var response = body.response(to: request)
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
            return response
        }
    }
}
