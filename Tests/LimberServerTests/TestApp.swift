import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LimberAccounts
import LimberCore
import LimberServer
import LimberStore
import Testing

/// One application over the bundled catalog and an empty in-memory store, built exactly as
/// `limber serve` builds it; the store is kept so a test can see what was (not) written.
struct TestApp {
    let store: SQLiteStore
    let router: Router<LimberRequestContext>

    /// `dosesRecheckedAfter` is an hour unless a test says otherwise, so that a test which
    /// changes a dose through the server sees it because the server noticed its own change, not
    /// because the test happened to take longer than the recheck interval.
    /// `clock`: the system's unless a test moves time by hand (`ManualClock`); `timeZone` is the
    /// server's own zone, the one a person who chose none gets.
    static func make(
        dosesRecheckedAfter: Duration = .seconds(3600), publicURL: PublicURL? = nil, host: String = "127.0.0.1",
        clock: ServerClock = .system, timeZone: TimeZone = .current, profile: ProfileID = .local,
        signIn: SignInSettings = .forTests
    ) async throws -> TestApp {
        let store = try SQLiteStore.inMemory()
        let router = try await buildRouter(
            ServerConfiguration(
                host: host, catalog: try CatalogLoader.load(), store: store, dosesRecheckedAfter: dosesRecheckedAfter,
                publicURL: publicURL, defaultTimeZone: timeZone, clock: clock, profile: profile, signIn: signIn))
        return TestApp(store: store, router: router)
    }

    /// Runs `test` against a fresh application, driving the router without a socket.
    static func run(
        dosesRecheckedAfter: Duration = .seconds(3600), publicURL: PublicURL? = nil, host: String = "127.0.0.1",
        clock: ServerClock = .system, timeZone: TimeZone = .current, profile: ProfileID = .local,
        signIn: SignInSettings = .forTests,
        _ test: @Sendable (APIClient, SQLiteStore) async throws -> Void
    ) async throws {
        let app = try await make(
            dosesRecheckedAfter: dosesRecheckedAfter, publicURL: publicURL, host: host, clock: clock,
            timeZone: timeZone, profile: profile, signIn: signIn)
        let store = app.store
        try await Application(router: app.router).test(.router) { client in
            try await test(APIClient(client: client), store)
        }
    }
}

extension TestApp {
    /// A `checked=` value for a warning-sign check passed just now.
    static var checkedNow: Int { Int(Date().timeIntervalSince1970) }
}

/// The test client with the request shapes Limber's tests send over and over.
struct APIClient: Sendable {
    let client: any TestClientProtocol
    /// Sent with every request: a signed-in session's cookie, or a bearer token.
    var headers: HTTPFields = [:]
    /// Added to every form, as a signed-in page's forms carry it.
    var formToken: String?

    init(client: any TestClientProtocol, headers: HTTPFields = [:], formToken: String? = nil) {
        self.client = client
        self.headers = headers
        self.formToken = formToken
    }

    private func merged(_ extra: HTTPFields) -> HTTPFields {
        var all = headers
        for field in extra { all[field.name] = field.value }
        return all
    }

    /// The origin the router test framework gives every request (`http://localhost`).
    static let sameOrigin = "http://localhost"

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: merged(headers))
    }

    func delete(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .delete, headers: merged(headers))
    }

    /// Sends a JSON body as a non-browser client would: no Origin, no Sec-Fetch-Site.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: String, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = merged(headers)
        headers[.contentType] = "application/json"
        return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json))
    }

    func post(_ uri: String, json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.post, uri, json: json, headers: headers)
    }

    func put(_ uri: String, json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.put, uri, json: json, headers: headers)
    }

    /// Posts an HTML form the way a browser on Limber's own page does.
    func postForm(_ uri: String, _ form: String) async throws -> TestResponse {
        let body = formToken.map { form.isEmpty ? "csrf=\($0)" : form + "&csrf=\($0)" } ?? form
        return try await client.execute(
            uri: uri, method: .post,
            headers: merged([
                .contentType: "application/x-www-form-urlencoded", .origin: Self.sameOrigin,
                HTTPField.Name("Sec-Fetch-Site")!: "same-origin",
            ]),
            body: ByteBuffer(string: body))
    }

    /// A GET that must succeed, read as JSON.
    func json(_ uri: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let response = try await get(uri)
        #expect(response.status == .ok, "GET \(uri): \(response.text)", sourceLocation: sourceLocation)
        return try response.json()
    }

    /// The diary as the API lists it.
    func episodes() async throws -> [JSONValue] {
        try await json("/api/v1/episodes").array
    }

    /// Every routine as the API lists it, built-in ones included.
    func routines() async throws -> [JSONValue] {
        try await json("/api/v1/routines").array
    }

    /// The player a passed check sent the person to: it opens without asking again, while an old
    /// pass, as a reload hours later or a bookmark gives, asks again.
    func expectPassedCheck(
        _ location: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> TestResponse {
        let player = try await get(location)
        #expect(player.text.contains("id=\"stage\""), sourceLocation: sourceLocation)
        #expect(
            !player.text.contains("id=\"check-form\""), "a check just passed is not asked again",
            sourceLocation: sourceLocation)
        for old in ["1", "\(TestApp.checkedNow - 3600)"] {
            let stale = try await get("/play?region=lower-back&checked=\(old)")
            #expect(
                stale.text.contains("id=\"check-form\""), "checked=\(old) is not a fresh pass",
                sourceLocation: sourceLocation)
        }
        return player
    }

    /// The OpenAPI document as the server serves it.
    func openAPI() async throws -> OpenAPIDocument {
        OpenAPIDocument(root: try await json("/api/v1/openapi.json"))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(buffer: body))
    }

    /// The media type without parameters: `application/json` for `application/json; charset=utf-8`.
    var mediaType: String {
        (headers[.contentType] ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
    }

    /// The problem document's `field`, or nil when the response is not a problem naming one.
    var problemField: String? {
        guard mediaType == "application/problem+json" else { return nil }
        return (try? json())?["field"]?.string
    }
}

/// A JSON value as a client receives it, so tests can check shapes without the server's types.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var int: Int? {
        if case .number(let value) = self, value == value.rounded() { return Int(value) }
        return nil
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, or none when this is not an array.
    var array: [JSONValue] {
        if case .array(let values) = self { return values }
        return []
    }

    var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

/// Request bodies the tests start from; each test changes one thing.
enum Fixture {
    static let episodeID = "0b6f4a52-2c39-4f8e-9d43-7a1e5c2b9f10"

    /// A valid episode body, with `fields` replaced or added as raw JSON and `removing` left out.
    static func episode(_ fields: [String: String] = [:], removing: Set<String> = []) -> String {
        var members: [String: String] = [
            "id": "\"\(episodeID)\"", "occurredAt": "\"2026-11-20T23:10:00Z\"", "durationSeconds": "90",
            "regions": "[\"calf\"]", "side": "\"left\"", "severity": "6", "triggers": "[\"night\"]",
            "wokeFromSleep": "true", "notes": "\"Woke at 3am\"",
        ]
        members.merge(fields) { $1 }
        return object(members.filter { !removing.contains($0.key) })
    }

    /// A valid session record body, with `fields` replaced or added as raw JSON.
    static func session(_ fields: [String: String] = [:]) -> String {
        var members: [String: String] = [
            "routineId": "\"seed-full\"", "routineName": "\"All six core stretches\"",
            "startedAt": "\"2026-11-20T21:00:00Z\"", "endedAt": "\"2026-11-20T21:09:00Z\"", "isComplete": "true",
            "stepsCompleted": "40", "stepsTotal": "40", "painBefore": "4", "painAfter": "2",
            "ratings": "[{\"exerciseId\": \"calf-stretch-wall\", \"difficulty\": \"about-right\"}]",
        ]
        members.merge(fields) { $1 }
        return object(members)
    }

    /// A valid custom routine body: the wall calf stretch held 45 s.
    static func routine(name: String = "Evening calves", items: String? = nil) -> String {
        let items = items ?? "[{\"exerciseId\": \"calf-stretch-wall\", \"dose\": {\"holdSeconds\": 45}}]"
        return object(["name": jsonString(name), "purpose": "\"bedtime\"", "items": items])
    }

    static func object(_ members: [String: String]) -> String {
        "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }

    static func jsonString(_ text: String) -> String {
        let data = try! JSONEncoder().encode(text)
        return String(decoding: data, as: UTF8.self)
    }
}

extension SignInSettings {
    /// bcrypt at its least cost (4), so a test signs in in milliseconds; everything else as served.
    static let forTests = SignInSettings(hasher: PasswordHasher(cost: 4), accountsRecheckedAfter: .zero)
}
