import Foundation
import Hummingbird
import Mustache

/// Renders the Mustache templates bundled with the server. Mustache escapes every `{{value}}`,
/// so anything a person typed (a diary note, a routine name) always shows as text.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    static func makeBundled() async throws -> PageRenderer {
        let folder = Bundle.module.resourceURL!.appendingPathComponent("templates").path
        return PageRenderer(library: try await MustacheLibrary(directory: folder))
    }

    /// A full page: `template` extends the layout and `context` supplies `title` and the rest.
    func page(_ template: String, _ context: some Any, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: Self.contentType],
            body: .init(byteBuffer: ByteBuffer(string: html(template, context))))
    }

    /// A page rendered to keep and send many times.
    func body(_ template: String, _ context: some Any) throws -> CachedBody {
        try CachedBody(ByteBuffer(string: html(template, context)), contentType: Self.contentType)
    }

    static let contentType = "text/html; charset=utf-8"

    private func html(_ template: String, _ context: some Any) -> String {
        library.render(context, withTemplate: template) ?? "Template \(template) is missing."
    }

    func errorPage(_ problem: Problem) -> Response {
        struct Context {
            var title: String
            var status: Int
            var detail: String
        }
        return page(
            "error", Context(title: problem.title, status: problem.status.code, detail: problem.detail),
            status: problem.status)
    }

    /// After a form post: go to a page with GET, so reloading does not post again.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
