import Foundation
import Hummingbird
import LimberCore

/// The whole diary as a download, in the same formats as `limber export`.
struct ExportController {
    let services: APIServices

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("export") { request, _ in
            let format = request.uri.queryParameters["format"].map(String.init) ?? "json"
            let export = DiaryExport(
                exportedAt: Date(),
                episodes: try await services.store.episodes(profile: services.profile, since: nil, region: nil),
                sessions: try await services.store.sessions(profile: services.profile, since: nil))
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

/// The API's OpenAPI 3.1 description, served as written.
struct OpenAPIController {
    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        let url = Bundle.module.url(forResource: "openapi", withExtension: "json")!
        let data = (try? Data(contentsOf: url)) ?? Data("{}".utf8)
        group.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
