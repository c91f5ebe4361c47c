import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LimberAccounts
import LimberCore
import LimberStore
import Testing

@testable import LimberServer

/// Signing in, out and everywhere, with the rules a careful person expects: no account, no
/// sign-in; once there is one, nothing personal without it.
@Suite("Signing in")
struct SignInTests {
    @Test("With no accounts, nothing asks to sign in, and the sign-in page says why")
    func noAccountsNoSignIn() async throws {
        try await TestApp.run { client, _ in
            #expect(try await client.get("/diary").status == .ok)
            #expect(try await client.get("/api/v1/episodes").status == .ok)
            let login = try await client.get("/login")
            #expect(login.text.contains("no accounts yet"))
        }
    }

    @Test("Once an account exists, the API answers 401 and pages send the browser to sign in; the open paths stay open")
    func everythingElseNeedsASignIn() async throws {
        try await TestApp.run { client, store in
            try await SignInSupport.addAccount("ana", admin: true, to: store)

            let api = try await client.get("/api/v1/episodes")
            #expect(api.status == .unauthorized)
            #expect(api.headers[.contentType] == "application/problem+json")
            #expect(api.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let page = try await client.get("/diary")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?next=%2Fdiary")
            let post = try await client.post("/api/v1/episodes", json: Fixture.episode())
            #expect(post.status == .unauthorized)
            #expect(try await store.episodes(profile: .local, since: nil, region: nil).isEmpty, "nothing was written")

            #expect(try await client.get("/login").status == .ok)
            #expect(try await client.get("/healthz").text == "ok\n")
            #expect(try await client.get("/api/v1/openapi.json").status == .ok)
            #expect(try await client.get("/static/style.css").status == .ok)
        }
    }

    @Test("Signing in sets a private session cookie that opens the person's own diary")
    func signingInOpensTheDiary() async throws {
        try await TestApp.run { client, store in
            let ana = try await SignInSupport.addAccount("ana", admin: true, to: store)
            _ = try await store.addEpisode(
                Episode(occurredAt: Date(), durationSeconds: 60, regions: ["calf"], severity: 4, notes: "ana's cramp"),
                profile: ana.profile)

            let response = try await client.postForm(
                "/login", "username=Ana&password=correct+horse+battery+staple&next=%2Fdiary")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/diary")
            let setCookie = try #require(response.headers[.setCookie])
            for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
                #expect(setCookie.contains(attribute), "\(setCookie) lacks \(attribute)")
            }
            #expect(!setCookie.contains("Secure"), "a plain-http server cannot use a Secure cookie")

            let signed = try await client.signedIn(as: "ana")
            let diary = try await signed.get("/diary")
            #expect(diary.status == .ok)
            #expect(diary.text.contains("ana&#39;s cramp") || diary.text.contains("ana's cramp"))
            #expect(diary.text.contains(#"aria-label="Your account: ana""#), "the header says who is signed in")
        }
    }

    @Test("Behind https the cookie is Secure and named __Host-")
    func httpsCookie() async throws {
        try await TestApp.run(publicURL: try PublicURL(parsing: "https://limber.home.arpa")) { client, store in
            try await SignInSupport.addAccount("ana", admin: true, to: store)
            let response = try await client.postForm(
                "/login", "username=ana&password=correct+horse+battery+staple")
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.hasPrefix("__Host-limber_session="))
            #expect(setCookie.contains("Secure"))
        }
    }

    @Test("An unknown name and a wrong password get the same answer")
    func sameAnswerForUnknownAndWrong() async throws {
        try await TestApp.run { client, store in
            try await SignInSupport.addAccount("ana", admin: true, to: store)
            let wrong = try await client.postForm("/login", "username=ana&password=not+the+right+one+at+all")
            let unknown = try await client.postForm("/login", "username=nobody&password=not+the+right+one+at+all")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.headers[.setCookie] == nil)
            func message(_ text: String) -> String? {
                text.range(of: #"<p class="error" role="alert">[^<]*"#, options: .regularExpression).map {
                    String(text[$0])
                }
            }
            #expect(message(wrong.text) != nil)
            #expect(message(wrong.text) == message(unknown.text))
        }
    }

    @Test("Too many failed sign-ins wait with 429 and Retry-After, even with the right password, and not for long")
    func throttled() async throws {
        // A whole second, which the store keeps exactly, so "15 minutes later" is exactly that.
        let clock = ManualClock(startingAt: Date(timeIntervalSince1970: 1_796_000_000))
        try await TestApp.run(clock: clock.serverClock) { client, store in
            try await SignInSupport.addAccount("ana", admin: true, to: store)
            for _ in 0..<10 {
                #expect(
                    try await client.postForm("/login", "username=ana&password=wrong+wrong+wrong").status
                        == .unauthorized)
            }
            let right = try await client.postForm("/login", "username=ana&password=correct+horse+battery+staple")
            #expect(right.status == .tooManyRequests)
            let wait = try #require(right.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...900).contains(wait))
            #expect(right.headers[.setCookie] == nil)

            clock.advance(by: .seconds(wait))
            _ = try await client.signedIn(as: "ana")
        }
    }

    @Test("A form without the page's token is refused and changes nothing; with it, it works")
    func formsNeedTheirToken() async throws {
        try await TestApp.run { client, store in
            let ana = try await SignInSupport.addAccount("ana", admin: true, to: store)
            let signed = try await client.signedIn(as: "ana")
            var forged = signed
            forged.formToken = nil
            let refused = try await forged.postForm("/diary", "region=calf&severity=5&duration=60s")
            #expect(refused.status == .forbidden)
            #expect(try await store.episodes(profile: ana.profile, since: nil, region: nil).isEmpty)

            let accepted = try await signed.postForm("/diary", "region=calf&severity=5&duration=60s")
            #expect(accepted.status == .seeOther, "\(accepted.text)")
            #expect(try await store.episodes(profile: ana.profile, since: nil, region: nil).count == 1)
        }
    }

    @Test("Every form on every signed-in page carries the form token")
    func everyFormCarriesTheToken() async throws {
        try await TestApp.run { client, store in
            try await SignInSupport.addAccount("ana", admin: true, to: store)
            let signed = try await client.signedIn(as: "ana")
            _ = try await signed.postForm("/diary", "region=calf&severity=5&duration=60s")
            for path in [
                "/diary", "/reminders", "/routines", "/routines/new", "/settings", "/account", "/household",
                "/play?routine=relief-calf",
            ] {
                let page = try await signed.get(path)
                #expect(page.status == .ok, "\(path): \(page.status)")
                let forms = page.text.components(separatedBy: "<form").dropFirst().filter {
                    $0.prefix(while: { $0 != ">" }).contains(#"method="post""#)
                }
                for form in forms {
                    #expect(
                        form.contains(#"name="csrf" value="\#(signed.formToken ?? "?")""#),
                        "a form on \(path) lacks the token: \(form.prefix(120))")
                }
            }
        }
    }

    @Test("Signing out ends that session; signing out everywhere ends them all")
    func signingOut() async throws {
        try await TestApp.run { client, store in
            try await SignInSupport.addAccount("ana", admin: true, to: store)
            let phone = try await client.signedIn(as: "ana")
            let laptop = try await client.signedIn(as: "ana")
            let tablet = try await client.signedIn(as: "ana")

            let out = try await phone.postForm("/logout", "")
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await phone.get("/api/v1/episodes").status == .unauthorized)
            #expect(try await laptop.get("/api/v1/episodes").status == .ok)

            #expect(try await laptop.postForm("/account/sign-out-everywhere", "").status == .seeOther)
            #expect(try await laptop.get("/api/v1/episodes").status == .unauthorized)
            #expect(try await tablet.get("/api/v1/episodes").status == .unauthorized)
        }
    }

    @Test("A password change needs the current one and signs out every other session")
    func changingThePassword() async throws {
        try await TestApp.run { client, store in
            try await SignInSupport.addAccount("ana", admin: true, to: store)
            let phone = try await client.signedIn(as: "ana")
            let laptop = try await client.signedIn(as: "ana")
            let newPassword = "a much newer passphrase"

            let wrong = try await laptop.postForm(
                "/account/password",
                "current=guess+guess+guess&password=\(APIClient.encoded(newPassword))&repeated=\(APIClient.encoded(newPassword))"
            )
            #expect(wrong.status == .badRequest)
            #expect(try await phone.get("/api/v1/episodes").status == .ok, "a refused change signs nobody out")

            let short = try await laptop.postForm(
                "/account/password", "current=correct+horse+battery+staple&password=short&repeated=short")
            #expect(short.status == .badRequest)
            #expect(short.text.contains("12"))

            let changed = try await laptop.postForm(
                "/account/password",
                "current=correct+horse+battery+staple&password=\(APIClient.encoded(newPassword))&repeated=\(APIClient.encoded(newPassword))"
            )
            #expect(changed.status == .seeOther)
            #expect(try await phone.get("/api/v1/episodes").status == .unauthorized, "the other session ended")
            let fresh = try #require(SignInSupport.sessionCookie(changed))
            let stillHere = APIClient(client: client.client, headers: [.cookie: "limber_session=\(fresh)"])
            #expect(try await stillHere.get("/api/v1/episodes").status == .ok, "this browser stays signed in")
            _ = try await client.signedIn(as: "ana", password: newPassword)
        }
    }

    @Test("A personal access token opens the API as its owner until it is revoked")
    func accessTokens() async throws {
        try await TestApp.run { client, store in
            let ana = try await SignInSupport.addAccount("ana", admin: true, to: store)
            let signed = try await client.signedIn(as: "ana")
            let made = try await signed.postForm("/account/tokens", "label=backup+script")
            #expect(made.status == .ok)
            let token = try #require(
                made.text.range(of: #"lmbt_[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(made.text[$0]) })

            let script = client.bearer(token)
            let posted = try await script.post(
                "/api/v1/episodes", json: Fixture.episode())
            #expect(posted.status == .created)
            #expect(try await store.episodes(profile: ana.profile, since: nil, region: nil).count == 1)
            #expect(try await client.bearer("lmbt_not-a-real-one").get("/api/v1/episodes").status == .unauthorized)

            let id = try #require(try await store.accessTokens(account: ana.id).first?.id)
            #expect(try await signed.postForm("/account/tokens", "revoke=\(id.uuidString.lowercased())").status == .ok)
            #expect(try await script.get("/api/v1/episodes").status == .unauthorized)
        }
    }

    @Test("An invitation makes one account with a diary of its own, and then stops working")
    func invitations() async throws {
        try await TestApp.run { client, store in
            let ana = try await SignInSupport.addAccount("ana", admin: true, to: store)
            _ = try await store.addEpisode(
                Episode(occurredAt: Date(), durationSeconds: 60, regions: ["calf"], severity: 4, notes: "ana's only"),
                profile: ana.profile)
            let admin = try await client.signedIn(as: "ana")
            let household = try await admin.postForm("/household/invite", "")
            let link = try #require(
                household.text.range(of: #"/invite/lmbi_[A-Za-z0-9_-]+"#, options: .regularExpression).map {
                    String(household.text[$0])
                })

            #expect(try await client.get(link).status == .ok)
            let weak = try await client.postForm(link, "username=ben&password=password1234&repeated=password1234")
            #expect(weak.status == .badRequest, "a common password is refused")
            #expect(try await store.account(named: "ben") == nil)
            let taken = try await client.postForm(
                link, "username=ana&password=ben+has+a+good+one&repeated=ben+has+a+good+one")
            #expect(taken.status == .badRequest)
            let made = try await client.postForm(
                link, "username=Ben&password=ben+has+a+good+one&repeated=ben+has+a+good+one")
            #expect(made.status == .seeOther)
            let ben = try #require(try await store.account(named: "ben"))
            #expect(!ben.isAdmin)
            let cookie = try #require(SignInSupport.sessionCookie(made))
            let benClient = APIClient(client: client.client, headers: [.cookie: "limber_session=\(cookie)"])
            #expect(try await benClient.json("/api/v1/episodes").array.isEmpty, "ben sees none of ana's diary")
            #expect(!(try await benClient.get("/diary").text.contains("ana&#39;s only")))

            #expect(try await client.get(link).status == .notFound, "the link works once")
            #expect(try await benClient.get("/household").status == .notFound, "only admins manage the household")
        }
    }

    @Test("The setup link works only from this machine")
    func setupLinkIsLoopbackOnly() async throws {
        try await TestApp.run { client, store in
            let secret = SecretToken.make(prefix: "lmbi_")
            try await store.addInvite(
                Invite(
                    tokenHash: secret.hash, isAdmin: true, createdAt: Date(), expiresAt: Date().addingTimeInterval(600),
                    createdBy: nil))
            // The router test client has no socket, so no loopback address: as if from another device.
            #expect(try await client.get("/invite/\(secret.token)").status == .forbidden)
            #expect(try await store.hasAccounts() == false)
        }
    }

    @Test("A server other computers can reach serves nothing while it has no accounts")
    func remoteWithoutAccountsServesNothing() async throws {
        try await TestApp.run(host: "0.0.0.0") { client, _ in
            let api = try await client.get("/api/v1/episodes")
            #expect(api.status == .serviceUnavailable)
            #expect(try await client.get("/diary").status == .serviceUnavailable)
        }
    }

    @Test("Deleting your account deletes everything in it and signs you out")
    func deletingTheAccount() async throws {
        try await TestApp.run { client, store in
            try await SignInSupport.addAccount("ana", admin: true, to: store)
            let ben = try await SignInSupport.addAccount("ben", to: store)
            let signed = try await client.signedIn(as: "ben")
            _ = try await signed.postForm("/diary", "region=calf&severity=5&duration=60s")
            #expect(try await store.episodes(profile: ben.profile, since: nil, region: nil).count == 1)

            let refused = try await signed.postForm("/account/delete", "password=not+my+password+at+all")
            #expect(refused.status == .badRequest)
            #expect(try await store.account(named: "ben") != nil)

            let deleted = try await signed.postForm("/account/delete", "password=correct+horse+battery+staple")
            #expect(deleted.status == .seeOther)
            #expect(try await store.account(named: "ben") == nil)
            #expect(try await store.episodes(profile: ben.profile, since: nil, region: nil).isEmpty)
            #expect(try await signed.get("/api/v1/episodes").status == .unauthorized)
        }
    }

    /// Turns the second factor on through the account page, as a person would; returns the key
    /// and the recovery codes shown.
    static func setUpSecondFactor(_ signed: APIClient, now: Date) async throws -> (secret: String, codes: [String]) {
        let start = try await signed.postForm("/account/second-factor/start", "")
        #expect(start.status == .ok)
        #expect(start.text.contains("otpauth://totp/"))
        let secret = try #require(
            start.text.range(of: #"name="secret" value="[0-9a-f]{40}""#, options: .regularExpression).map {
                String(start.text[$0].dropFirst(#"name="secret" value=""#.count).dropLast())
            })
        let wrong = try await signed.postForm("/account/second-factor/confirm", "secret=\(secret)&code=000000")
        #expect(wrong.status == .badRequest)
        let code = TOTPCheck(secret: secret).code(at: now)
        let confirmed = try await signed.postForm("/account/second-factor/confirm", "secret=\(secret)&code=\(code)")
        #expect(confirmed.status == .ok)
        let codes = confirmed.text.matches(of: /<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/).map { String($0.1) }
        #expect(codes.count == 10, "ten recovery codes are shown once")
        return (secret, codes)
    }

    @Test("With a second factor, the password alone opens nothing; each code and recovery code signs in once")
    func secondFactor() async throws {
        let clock = ManualClock(startingAt: Date(timeIntervalSince1970: 1_796_000_000))
        try await TestApp.run(clock: clock.serverClock) { client, store in
            let ana = try await SignInSupport.addAccount("ana", admin: true, to: store)
            let signed = try await client.signedIn(as: "ana")
            let (secret, recovery) = try await Self.setUpSecondFactor(signed, now: clock.now)
            #expect(try await store.secondFactor(account: ana.id)?.secret == secret)

            clock.advance(by: .seconds(60))
            let password = try await client.postForm("/login", "username=ana&password=correct+horse+battery+staple")
            #expect(password.status == .seeOther)
            #expect(password.headers[.location] == "/login/code")
            let half = try #require(SignInSupport.sessionCookie(password))
            let halfClient = APIClient(client: client.client, headers: [.cookie: "limber_session=\(half)"])
            #expect(
                try await halfClient.get("/api/v1/episodes").status == .unauthorized, "the password alone opens nothing"
            )
            #expect(try await halfClient.get("/diary").headers[.location] == "/login/code")

            #expect(try await halfClient.postForm("/login/code", "code=123456").status == .unauthorized)
            let code = TOTPCheck(secret: secret).code(at: clock.now)
            let passed = try await halfClient.postForm("/login/code", "code=\(code)")
            #expect(passed.status == .seeOther)
            let full = try #require(SignInSupport.sessionCookie(passed))
            #expect(full != half, "a new session id once signed in")
            #expect(
                try await APIClient(client: client.client, headers: [.cookie: "limber_session=\(full)"])
                    .get("/api/v1/episodes").status == .ok)
            #expect(try await halfClient.get("/api/v1/episodes").status == .unauthorized, "the half session ended")

            // The same code again, on another sign-in, is refused; a recovery code works once.
            let again = try await client.postForm("/login", "username=ana&password=correct+horse+battery+staple")
            let second = APIClient(
                client: client.client, headers: [.cookie: "limber_session=\(SignInSupport.sessionCookie(again) ?? "")"])
            #expect(
                try await second.postForm("/login/code", "code=\(code)").status == .unauthorized, "a code works once")
            #expect(try await second.postForm("/login/code", "code=\(recovery[0].uppercased())").status == .seeOther)
            let third = try await client.postForm("/login", "username=ana&password=correct+horse+battery+staple")
            let thirdClient = APIClient(
                client: client.client, headers: [.cookie: "limber_session=\(SignInSupport.sessionCookie(third) ?? "")"])
            #expect(try await thirdClient.postForm("/login/code", "code=\(recovery[0])").status == .unauthorized)
        }
    }

    @Test("An admin of a server other computers reach must set up a second factor before anything else")
    func remoteAdminsNeedASecondFactor() async throws {
        let clock = ManualClock(startingAt: Date(timeIntervalSince1970: 1_796_000_000))
        try await TestApp.run(host: "0.0.0.0", clock: clock.serverClock) { client, store in
            try await SignInSupport.addAccount("ana", admin: true, to: store)
            try await SignInSupport.addAccount("ben", to: store)
            let admin = try await client.signedIn(as: "ana")
            let diary = try await admin.get("/diary")
            #expect(diary.status == .seeOther)
            #expect(diary.headers[.location] == "/account?second-factor=needed")
            #expect(try await admin.get("/api/v1/episodes").status == .forbidden)
            #expect(try await admin.get("/account").text.contains("an admin must have a second factor"))
            #expect(try await client.signedIn(as: "ben").get("/diary").status == .ok, "others need none")

            _ = try await Self.setUpSecondFactor(admin, now: clock.now)
            #expect(try await admin.get("/diary").status == .ok)
        }
    }
}
