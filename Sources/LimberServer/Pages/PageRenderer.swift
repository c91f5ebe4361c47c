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

    /// A page rendered to keep and send many times to one person: with the name the layout
    /// shows (`signedInAs`, part of the cache key) but never with a form token, which belongs to
    /// one sign-in. So a kept page has no forms.
    func body(_ template: String, _ context: some Any, signedInAs name: String?) throws -> CachedBody {
        let rendered = render(template, SessionContext(page: context, formToken: nil, name: name))
        return try CachedBody(ByteBuffer(string: rendered), contentType: Self.contentType)
    }

    /// A page that shows only the catalog and what the dose cache keeps (doses, conditions):
    /// rendered once per person, set of doses and signed-in name, then sent as is. The name is read
    /// once here, so the one the page shows is always the one it is kept under.
    func kept(
        _ page: PersonalDoseCache.CachedPage, _ template: String, for me: PersonServices,
        context: (_ personal: PersonalDoseCache.Snapshot) throws -> some Any
    ) async throws -> CachedBody {
        let name = PageSession.current?.name
        return try await me.doses.body(for: .page(page, signedInAs: name)) { personal in
            try body(template, try context(personal), signedInAs: name)
        }
    }

    static let contentType = "text/html; charset=utf-8"

    func html(_ template: String, _ context: some Any) -> String {
        let session = PageSession.current
        return render(template, SessionContext(page: context, formToken: session?.formToken, name: session?.name))
    }

    /// A page with no sign-in at all, such as a handout saved to a file.
    func htmlWithoutSession(_ template: String, _ context: some Any) -> String {
        render(template, SessionContext(page: context, formToken: nil, name: nil))
    }

    private func render(_ template: String, _ context: SessionContext) -> String {
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

/// A page's own context with the signed-in person's `csrf` (every form's hidden field) and
/// `signedInAs` (the layout's account link) beside it; everything else is the page's.
private struct SessionContext: MustacheParent {
    let page: Any
    let formToken: String?
    let name: String?

    func child(named name: String) -> Any? {
        switch name {
        case "csrf": return formToken
        case "signedInAs": return self.name
        default:
            if let parent = page as? any MustacheParent { return parent.child(named: name) }
            // As swift-mustache reads a property: by label, an Optional unwrapped, so a nil one is
            // missing (and `{{^name}}` shows) rather than a present Optional.
            guard let value = Mirror(reflecting: page).children.first(where: { $0.label == name })?.value else {
                return nil
            }
            let wrapped = Mirror(reflecting: value)
            guard wrapped.displayStyle == .optional else { return value }
            return wrapped.children.first?.value
        }
    }
}
