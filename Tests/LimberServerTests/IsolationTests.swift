import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LimberCore
import LimberStore
import Testing

@testable import LimberServer

/// One person never reaches another's records, through any route. The API's routes come from
/// `openapi.json` and the pages' from the router itself, so a route added later is called too,
/// and fails here if it has a path parameter this test cannot fill.
@Suite("One person never reaches another's records")
struct IsolationTests {
    /// Words only A's records hold: no answer to anyone else may contain them. (A's zone is not
    /// one: every page with a zone list names every zone.)
    static let fixedMarkers = ["A-SECRET-NOTE", "A secret routine"]

    /// A's records, one of each kind, with ids B will be sent to.
    struct Owner {
        let account: Account
        let episode: UUID
        let session: UUID
        let reminder: UUID
        let routine = "my-a-secret"
        let feedToken = "a-secret-feed-token"
        let dosedExercise = "calf-stretch-wall"

        /// The fixed words, and the ids of A's diary entry, session and reminder.
        var markers: [String] {
            IsolationTests.fixedMarkers + [episode, session, reminder].map { $0.uuidString.lowercased() }
        }
    }

    static func fillA(_ store: any Store) async throws -> Owner {
        let account = try await SignInSupport.addAccount("ana", to: store)
        let profile = account.profile
        let episode = try await store.addEpisode(
            Episode(
                occurredAt: Date().addingTimeInterval(-7200), durationSeconds: 95, regions: ["calf"], side: .left,
                severity: 8, notes: "A-SECRET-NOTE"), profile: profile)
        let start = Date().addingTimeInterval(-3600)
        let session = try await store.addSession(
            SessionRecord(
                routineId: "my-a-secret", routineName: "A secret routine", startedAt: start,
                endedAt: start.addingTimeInterval(300), isComplete: true, stepsCompleted: 4, stepsTotal: 4,
                ratings: [SessionRecord.Rating(exerciseId: "calf-stretch-wall", difficulty: .tooEasy)]),
            profile: profile)
        _ = try await store.saveCustomRoutine(
            Routine(
                id: "my-a-secret", name: "A secret routine", purpose: .relief, summary: "A-SECRET-NOTE",
                regions: ["calf"], items: [.init(exerciseId: "calf-stretch-wall")]), profile: profile)
        try await store.savePersonalDose(
            PersonalDose(exerciseId: "calf-stretch-wall", dose: DoseOverride(holdSeconds: 55)), profile: profile)
        let reminder = try await store.addReminder(
            Reminder(routineId: "my-a-secret", weekdays: [2], hour: 6, minute: 45, timeZone: "Pacific/Chatham"),
            profile: profile)
        try await store.setCalendarFeedToken("a-secret-feed-token", profile: profile)
        try await store.setConditions([.pregnancy], profile: profile)
        try await store.setTimeZone("Pacific/Chatham", profile: profile)
        return Owner(account: account, episode: episode.id, session: session.id, reminder: reminder.id)
    }

    /// Everything A keeps, as one text, to compare before and after each of B's requests.
    static func snapshot(_ store: any Store, _ owner: Owner) async throws -> String {
        let profile = owner.account.profile
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        var parts: [String] = []
        func add(_ value: some Encodable) throws {
            parts.append(String(decoding: try encoder.encode(value), as: UTF8.self))
        }
        try add(try await store.episodes(profile: profile, since: nil, region: nil))
        try add(try await store.sessions(profile: profile, since: nil))
        try add(try await store.customRoutines(profile: profile))
        try add(try await store.personalDoses(profile: profile))
        try add(try await store.reminders(profile: profile))
        try add(try await store.calendarFeedToken(profile: profile))
        try add(try await store.conditions(profile: profile))
        try add(try await store.timeZone(profile: profile))
        try add(try await store.account(id: owner.account.id))
        return parts.joined(separator: "\n")
    }

    /// A value for each path parameter: A's own id wherever the path names a personal record.
    static func fill(_ path: String, _ owner: Owner) throws -> (path: String, namesAsRecord: Bool) {
        var filled = path
        var namesAsRecord = false
        func replace(_ parameter: String, with value: String, personal: Bool) {
            guard filled.contains(parameter) else { return }
            filled = filled.replacingOccurrences(of: parameter, with: value)
            namesAsRecord = namesAsRecord || personal
        }
        let bare = path.hasPrefix("/api/v1") ? String(path.dropFirst("/api/v1".count)) : path
        switch bare {
        case let p where p.hasPrefix("/episodes/") || p.hasPrefix("/diary/"):
            replace("{id}", with: owner.episode.uuidString.lowercased(), personal: true)
        case let p where p.hasPrefix("/routines/"):
            replace("{id}", with: owner.routine, personal: true)
        case let p where p.hasPrefix("/reminders/"):
            replace("{id}", with: owner.reminder.uuidString.lowercased(), personal: true)
        case let p where p.hasPrefix("/progress/") && p.contains("{id}"):
            replace("{id}", with: "calf-stretch-wall", personal: false)
        case let p where p.hasPrefix("/exercises/"):
            replace("{id}", with: "calf-stretch-wall", personal: false)
        case let p where p.hasPrefix("/regions/"):
            replace("{id}", with: "calf", personal: false)
        case let p where p.hasPrefix("/figures/"):
            replace("{file}", with: "calf-stretch-wall.svg", personal: false)
        case let p where p.hasPrefix("/calendar/"):
            // A's own secret would give A's feed, by design: whoever A gives the address to may
            // read it. Anyone else can only guess.
            replace("{token}", with: "a-guessed-feed-token", personal: false)
        case let p where p.hasPrefix("/invite/"):
            replace("{token}", with: "lmbi_not-an-invitation", personal: false)
        default: break
        }
        replace("{exerciseId}", with: owner.dosedExercise, personal: true)
        guard !filled.contains("{") else {
            throw SignInFailure("no value for a parameter of \(path): add one to IsolationTests.fill")
        }
        return (filled, namesAsRecord)
    }

    /// Bodies that a real client would send, so that each write is tried for real; a route not
    /// listed is sent an empty body.
    static func body(_ method: String, _ path: String, _ owner: Owner) -> (text: String, isJSON: Bool) {
        let episode = owner.episode.uuidString.lowercased()
        let json: [String: String] = [
            "post /api/v1/routines": Fixture.routine(name: "B tries"),
            "put /api/v1/routines/{id}": Fixture.routine(name: "B tries"),
            "post /api/v1/plan": #"{"regions": ["calf"], "minutes": 5}"#,
            "post /api/v1/episodes": Fixture.episode(["id": "\"\(episode)\"", "notes": "\"B's\""]),
            "put /api/v1/episodes/{id}": Fixture.episode(["id": "\"\(episode)\"", "notes": "\"B's\""]),
            "post /api/v1/sessions": Fixture.session(["id": "\"\(owner.session.uuidString.lowercased())\""]),
            "post /api/v1/reminders":
                #"{"routineId": "my-a-secret", "weekdays": [1], "hour": 7, "minute": 0, "timeZone": "UTC"}"#,
            "post /api/v1/safety/check": #"{"answers": {}, "regions": ["calf"], "noneApply": true}"#,
            "put /api/v1/profile": #"{"conditions": [], "timeZone": "UTC"}"#,
        ]
        if let body = json["\(method) \(path)"] { return (body, true) }
        if path.hasPrefix("/api/") { return (method == "get" || method == "delete" ? "" : "{}", true) }
        let forms: [String: String] = [
            "post /diary": "region=calf&severity=5&duration=60s&notes=B",
            "post /diary/{id}/edit": "region=calf&severity=1&duration=60s&notes=B",
            "post /reminders": "routine=my-a-secret&days=mon&time=07%3A00",
            "post /routines": "name=B+tries&exercise=calf-stretch-wall",
            "post /routines/{id}/edit": "name=B+tries&exercise=calf-stretch-wall",
            "post /settings": "conditions%5B%5D=knee&timeZone=UTC",
            "post /play/check": "routine=my-a-secret&none=1",
            "post /login": "username=ana&password=not+anas+password",
            "post /account/password": "current=wrong+wrong+wrong&password=x&repeated=x",
            "post /account/delete": "password=wrong+wrong+wrong",
            "post /account/tokens": "label=B",
            "post /household/remove": "name=ana",
        ]
        return (forms["\(method) \(path)"] ?? "", false)
    }

    /// Every route with its method: the API's from the document, the pages' from the router.
    static func routes(pages: [(String, String)], _ client: APIClient) async throws -> [(String, String)] {
        let documented = try await client.openAPI().operations.map { operation -> (String, String) in
            let parts = operation.split(separator: " ")
            return (String(parts[0]), String(parts[1]))
        }
        return (documented + pages).sorted { "\($0)" < "\($1)" }
    }

    /// The router's routes that are not the API's: the pages and forms.
    static func pages(_ router: Router<LimberRequestContext>) -> [(String, String)] {
        router.routes.map { ($0.method.rawValue.lowercased(), "\($0.path)") }.filter { !$0.1.hasPrefix("/api/") }
    }

    func send(
        _ client: APIClient, _ method: String, _ path: String, body: (text: String, isJSON: Bool)
    ) async throws -> TestResponse {
        let httpMethod = HTTPRequest.Method(method.uppercased())!
        if body.isJSON {
            if httpMethod == .get { return try await client.get(path) }
            if httpMethod == .delete { return try await client.delete(path) }
            return try await client.send(httpMethod, path, json: body.text)
        }
        if httpMethod == .get { return try await client.get(path) }
        return try await client.postForm(path, body.text)
    }

    /// Runs every route as `visitor` (signed in afresh each time, since some routes sign out).
    func everyRoute(visitor: String, admin: Bool) async throws {
        let app = try await TestApp.make()
        let store = app.store
        let owner = try await Self.fillA(store)
        try await SignInSupport.addAccount("root", admin: true, to: store)
        if visitor != "root" { try await SignInSupport.addAccount(visitor, admin: admin, to: store) }
        let before = try await Self.snapshot(store, owner)
        let pages = Self.pages(app.router)
        try await Application(router: app.router).test(.router) { raw in
            let anonymous = APIClient(client: raw)
            let routes = try await Self.routes(pages: pages, anonymous)
            #expect(routes.count > 60, "\(routes.count) routes")
            for (method, template) in routes {
                let (path, namesARecord) = try Self.fill(template, owner)
                let client = try await anonymous.signedIn(as: visitor)
                let body = Self.body(method, template, owner)
                let response = try await send(client, method, path, body: body)
                let said = "\(visitor): \(method.uppercased()) \(path) answered \(response.status.code)"
                // An id the request itself sent may come back (as in "no such entry"); that tells nothing.
                for marker in owner.markers where !path.contains(marker) && !body.text.contains(marker) {
                    #expect(!response.text.contains(marker), "\(said) with A's \"\(marker)\"")
                }
                if namesARecord && method == "get" {
                    #expect([404, 403].contains(response.status.code), "\(said) for A's record")
                }
                #expect(response.status.code < 500, "\(said): \(response.text.prefix(200))")
                #expect(try await Self.snapshot(store, owner) == before, "\(said) and changed A's records")
            }
        }
    }

    @Test("Another person, calling every route and method with A's ids, gets 404 and changes nothing of A's")
    func anotherPersonReachesNothing() async throws {
        try await everyRoute(visitor: "ben", admin: false)
    }

    @Test("An admin manages accounts but, through every route, reads and changes nothing of A's")
    func anAdminReadsNothing() async throws {
        try await everyRoute(visitor: "root", admin: true)
    }

    @Test("Without a sign-in, every route answers 401 or the sign-in page, but the open ones")
    func nobodyReachesAnything() async throws {
        let app = try await TestApp.make()
        let store = app.store
        let owner = try await Self.fillA(store)
        let before = try await Self.snapshot(store, owner)
        let pages = Self.pages(app.router)
        try await Application(router: app.router).test(.router) { raw in
            let client = APIClient(client: raw)
            let document = try await client.openAPI()
            for (method, template) in try await Self.routes(pages: pages, client) {
                let (path, _) = try Self.fill(template, owner)
                let body = Self.body(method, template, owner)
                let response = try await send(client, method, path, body: body)
                let said = "\(method.uppercased()) \(path) answered \(response.status.code)"
                for marker in owner.markers where !path.contains(marker) && !body.text.contains(marker) {
                    #expect(!response.text.contains(marker), "\(said) with \"\(marker)\"")
                }
                if SignInMiddleware.isOpen(path) {
                    continue
                } else if path.hasPrefix("/api/") {
                    #expect(response.status == .unauthorized, "\(said)")
                    let violations = document.violations(of: response, to: method, template)
                    #expect(violations.isEmpty, "\(said): \(violations)")
                } else {
                    #expect(response.status == .seeOther, "\(said)")
                    #expect(response.headers[.location]?.hasPrefix("/login") == true, "\(said)")
                }
                #expect(try await Self.snapshot(store, owner) == before, "\(said) and changed A's records")
            }
        }
    }

    @Test("The open paths are exactly sign-in, invitations, the health check, the API document and calendar feeds")
    func theOpenPathsAreFew() {
        let open = ["/login", "/healthz", "/api/v1/openapi.json", "/invite/x", "/calendar/x.ics"]
        #expect(open.allSatisfy(SignInMiddleware.isOpen))
        for closed in ["/", "/diary", "/account", "/household", "/api/v1/episodes", "/api/v1/export", "/logins"] {
            #expect(!SignInMiddleware.isOpen(closed), "\(closed)")
        }
    }
}
