import Foundation
import Hummingbird

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
