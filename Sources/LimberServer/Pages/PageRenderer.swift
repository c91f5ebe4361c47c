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
        let html = library.render(context, withTemplate: template) ?? "Template \(template) is missing."
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
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
