import Foundation
import Hummingbird

// A minimal Hummingbird 2 server: GET / answers a fixed JSON body of about 6 KB, encoded once at
// start-up. It is the ceiling Limber's HTTP figures are compared with (see bench/http.sh).
// Usage: HelloServer [port]   (default 8081; always 127.0.0.1)

struct Item: Codable {
    var id: String
    var name: String
    var regions: [String]
    var seconds: Int
}

let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8081 : 8081
var items: [Item] = []
var body = Data()
var index = 0
// Grow the list until the encoded body reaches about 6 KB.
while body.count < 6 * 1024 {
    items.append(
        Item(
            id: "exercise-\(index)", name: "Example stretch number \(index) for the benchmark",
            regions: ["calf", "back-thigh"], seconds: 30 + index))
    body = try JSONEncoder().encode(items)
    index += 1
}
let buffer = ByteBuffer(bytes: body)

let router = Router()
router.get("/") { _, _ -> Response in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
}
let app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "hello"))
print("HelloServer listening on http://127.0.0.1:\(port)/ body \(body.count) bytes")
try await app.runService()
