import Foundation
import Hummingbird
import LimberCore

/// The whole diary as a download, in the same formats as `limber export`.
struct ExportController {
    let services: APIServices

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("export") { request, context in
            let person = try context.person
            let format = request.uri.queryParameters["format"].map(String.init) ?? "json"
            let export = DiaryExport(
                exportedAt: services.clock.now(),
                episodes: try await services.store.episodes(profile: person, since: nil, region: nil),
                sessions: try await services.store.sessions(profile: person, since: nil))
            switch format {
            case "json":
                return download(try export.jsonData(), type: "application/json", name: "limber-diary.json")
            case "csv":
                return download(Data(export.csv().utf8), type: "text/csv; charset=utf-8", name: "limber-diary.csv")
            default:
                throw Problem(.badRequest, "format: \"\(format)\" is not accepted; use json or csv", field: "format")
            }
        }
    }

    private func download(_ data: Data, type: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
