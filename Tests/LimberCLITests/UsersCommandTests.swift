import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `limber users` and `--user` as a household sets them up: real processes on a real database,
/// passwords piped or typed at a real terminal, and a real `limber serve` to sign in to.
@Suite("limber users", .serialized, .timeLimit(.minutes(3)))
struct UsersCommandTests {
    static let anaPassword = "calf-stretch-at-dawn"
    static let benPassword = "hamstring-on-a-step"

    func limber(
        _ arguments: [String], _ database: TestDatabase, environment: [String: String] = [:], stdin: String? = nil
    ) throws -> CLIRun {
        try CLI.run(arguments, environment: database.environment.merging(environment) { $1 }, stdin: stdin)
    }

    /// `users add`, with the password piped as one line.
    @discardableResult
    func add(
        _ name: String, admin: Bool = false, password: String, _ database: TestDatabase,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CLIRun {
        let run = try limber(["users", "add", name] + (admin ? ["--admin"] : []), database, stdin: password + "\n")
        #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
        return run
    }

    func logCramp(_ region: String, _ database: TestDatabase, user: [String] = []) throws -> CLIRun {
        try limber(["log", "--region", region, "--severity", "5", "--duration", "1m"] + user, database)
    }

    /// The regions of the cramps `history --json` lists for whoever `who` (such as `--user ana`) names;
    /// `variables` are added to the environment, such as LIMBER_USER.
    func crampRegions(_ database: TestDatabase, _ who: [String], variables: [String: String] = [:]) throws -> [String] {
        let run = try limber(["history", "--json"] + who, database, environment: variables)
        guard run.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        let episodes = object["episodes"] as? [[String: Any]] ?? []
        return episodes.flatMap { $0["regions"] as? [String] ?? [] }
    }

    /// The account names `users list --json` prints.
    func accountNames(_ database: TestDatabase) throws -> [String] {
        let run = try limber(["users", "list", "--json"], database)
        let lines = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        return lines.compactMap { $0["name"] as? String }
    }

    func expectOneLine(_ run: CLIRun, status: Int32 = 2, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == status, "\(run.stdout)\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("limber: "), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)", sourceLocation: sourceLocation)
    }

    // MARK: - The first account and --user

    @Test("The first account holds the cramps logged before it, and then every command asks whose records to use")
    func firstAccountAdoptsTheDiary() throws {
        let database = TestDatabase()
        #expect(try logCramp("calf", database).status == 0)

        let added = try add("ana", admin: true, password: Self.anaPassword, database)
        #expect(added.stdout.hasPrefix("Added ana, an admin.\n"), "\(added.stdout)")
        #expect(
            added.stdout.contains(
                "It is the first account, so it now holds every record kept so far (1 cramp, 0 sessions)."),
            "\(added.stdout)")
        #expect(!added.stdout.contains(Self.anaPassword) && !added.stderr.contains(Self.anaPassword))

        let nobodySaid = try limber(["history"], database)
        expectOneLine(nobodySaid)
        #expect(nobodySaid.stderr.hasPrefix("limber: --user: missing; "), "\(nobodySaid.stderr)")
        #expect(nobodySaid.stderr.contains("(accounts: ana)"), "\(nobodySaid.stderr)")
        #expect(nobodySaid.stdout.isEmpty)

        #expect(try crampRegions(database, ["--user", "ana"]) == ["calf"])
        #expect(try crampRegions(database, [], variables: ["LIMBER_USER": "ana"]) == ["calf"])

        let wrongName = try limber(["history", "--user", "nobody"], database)
        expectOneLine(wrongName)
        #expect(
            wrongName.stderr == "limber: --user: \"nobody\" is not accepted; use one of: ana\n", "\(wrongName.stderr)")
        let wrongVariable = try limber(["history"], database, environment: ["LIMBER_USER": "nobody"])
        expectOneLine(wrongVariable)
        #expect(wrongVariable.stderr.hasPrefix("limber: LIMBER_USER: \"nobody\""), "\(wrongVariable.stderr)")
    }

    @Test("Each account after the first starts empty, and no one sees another's cramps")
    func accountsKeepTheirRecordsApart() throws {
        let database = TestDatabase()
        try add("ana", admin: true, password: Self.anaPassword, database)
        let ben = try add("ben", password: Self.benPassword, database)
        #expect(ben.stdout == "Added ben.\n", "no --admin needed after the first: \(ben.stdout)")
        #expect(try crampRegions(database, ["--user", "ben"]).isEmpty)

        #expect(try logCramp("foot", database, user: ["--user", "ben"]).status == 0)
        #expect(try logCramp("calf", database, user: ["--user", "ana"]).status == 0)

        #expect(try crampRegions(database, ["--user", "ana"]) == ["calf"])
        #expect(try crampRegions(database, ["--user", "ben"]) == ["foot"])
    }

    // MARK: - Bad input

    struct Refusal: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var password: String
        /// Whether ana (an admin) exists first.
        var anaExists: Bool
        var message: String
        var testDescription: String { "users \(arguments.joined(separator: " ")): \(message)" }
    }

    @Test(
        "Bad input to users add is one line, exit 2, never shows the password, and adds no one",
        arguments: [
            Refusal(
                arguments: ["ben"], password: "short-one", anaExists: true,
                message: "password: \"(hidden)\" is not accepted; use at least 12 characters"),
            Refusal(
                arguments: ["ben"], password: "password1234", anaExists: true,
                message: "password: \"(hidden)\" is not accepted; choose one that is not among the most common"),
            Refusal(
                arguments: ["Ana Smith"], password: UsersCommandTests.benPassword, anaExists: true,
                message: "name: \"Ana Smith\" is not accepted; "),
            Refusal(
                arguments: ["ANA"], password: UsersCommandTests.benPassword, anaExists: true,
                message: "name: \"ana\" is not accepted; it is taken; choose another"),
            Refusal(
                arguments: ["ana"], password: UsersCommandTests.anaPassword, anaExists: false,
                message: "--admin: missing; the first account must be an admin"),
        ])
    func badInputAddsNoOne(_ refusal: Refusal) throws {
        let database = TestDatabase()
        if refusal.anaExists { try add("ana", admin: true, password: Self.anaPassword, database) }
        let before = try accountNames(database)

        let run = try limber(["users", "add"] + refusal.arguments, database, stdin: refusal.password + "\n")
        expectOneLine(run)
        #expect(run.stderr.hasPrefix("limber: " + refusal.message), "\(run.stderr)")
        #expect(!run.stderr.contains(refusal.password) && !run.stdout.contains(refusal.password))
        #expect(try accountNames(database) == before)
    }

    // MARK: - At a terminal

    /// `users add ana --admin` in a real terminal, typing `first` and then `second` when asked.
    func addAtTerminal(
        _ database: TestDatabase, first: String, second: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (PseudoTerminal, Process) {
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(
            try CLI.executable, arguments: ["users", "add", "ana", "--admin"], environment: database.environment)
        #expect(terminal.waitFor("Password for ana: ", seconds: 20), sourceLocation: sourceLocation)
        terminal.type(first + "\r")
        #expect(terminal.waitFor("The same password again: ", seconds: 10), sourceLocation: sourceLocation)
        terminal.type(second + "\r")
        terminal.wait(for: process)
        return (terminal, process)
    }

    @Test("At a terminal the password is asked twice and what is typed never shows")
    func terminalAsksTwiceWithoutEcho() throws {
        let database = TestDatabase()
        let (terminal, process) = try addAtTerminal(database, first: Self.anaPassword, second: Self.anaPassword)
        #expect(process.terminationStatus == 0, "\(terminal.screen)")
        #expect(terminal.screen.contains("Added ana, an admin."), "\(terminal.screen)")
        #expect(!terminal.screen.contains(Self.anaPassword), "\(terminal.screen)")
        #expect(try accountNames(database) == ["ana"])
    }

    @Test("At a terminal two different entries are refused in one line, and no account is made")
    func terminalRefusesTwoDifferentEntries() throws {
        let database = TestDatabase()
        let (terminal, process) = try addAtTerminal(database, first: Self.anaPassword, second: Self.benPassword)
        #expect(process.terminationStatus == 2, "\(terminal.screen)")
        let after = try #require(terminal.screen.components(separatedBy: "The same password again: ").last)
        #expect(
            after.trimmingCharacters(in: .whitespacesAndNewlines)
                == "limber: password: the two passwords differ; nothing was changed", "\(terminal.screen)")
        #expect(!terminal.screen.contains(Self.anaPassword) && !terminal.screen.contains(Self.benPassword))
        #expect(try accountNames(database).isEmpty)
    }

    @Test("At a terminal a password that will be refused is refused at once, not after typing it twice")
    func terminalRefusesAShortPasswordAtOnce() throws {
        let database = TestDatabase()
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(
            try CLI.executable, arguments: ["users", "add", "ana", "--admin"], environment: database.environment)
        #expect(terminal.waitFor("Password for ana: ", seconds: 20))
        terminal.type("short-one\r")
        terminal.wait(for: process, seconds: 10)
        #expect(process.terminationStatus == 2, "\(terminal.screen)")
        #expect(terminal.screen.contains("limber: password: \"(hidden)\" is not accepted; use at least 12"))
        #expect(!terminal.screen.contains("The same password again"), "\(terminal.screen)")
        #expect(!terminal.screen.contains("short-one"))
    }

    @Test("Ctrl-C at the password prompt ends it with the terminal echoing again, and no account is made")
    func interruptedPromptRestoresEcho() throws {
        let database = TestDatabase()
        let terminal = try PseudoTerminal()
        let process = try terminal.spawn(
            try CLI.executable, arguments: ["users", "add", "ana", "--admin"], environment: database.environment)
        #expect(terminal.waitFor("Password for ana: ", seconds: 20))
        // What Ctrl-C sends; the terminal is not the process's controlling one, so it is sent by hand.
        kill(process.processIdentifier, SIGINT)
        terminal.wait(for: process)
        #expect(process.terminationReason == .uncaughtSignal)
        var settings = termios()
        #expect(tcgetattr(terminal.master, &settings) == 0)
        #expect(settings.c_lflag & tcflag_t(ECHO) != 0, "the shell after it shows what is typed")
        #expect(try accountNames(database).isEmpty)
    }

    // MARK: - Listing and tokens

    @Test("users list names each account; --json says the same for a program")
    func listShowsTheAccounts() throws {
        let database = TestDatabase()
        let none = try limber(["users", "list"], database)
        #expect(none.stdout == "No accounts: Limber keeps one diary, for this computer only.\n")
        #expect(try limber(["users", "list", "--json"], database).stdout == "[]\n")
        try add("ana", admin: true, password: Self.anaPassword, database)
        try add("ben", password: Self.benPassword, database)

        let list = try limber(["users", "list"], database)
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(list.stdout)")
        #expect(lines.first?.hasPrefix("ana (admin)  since 20") == true, "\(list.stdout)")
        #expect(lines.last?.hasPrefix("ben  since 20") == true, "\(list.stdout)")

        let json = try limber(["users", "list", "--json"], database)
        let accounts = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(accounts.map { $0["name"] as? String } == ["ana", "ben"])
        #expect(accounts.map { $0["admin"] as? Bool } == [true, false])
        #expect(accounts.allSatisfy { $0["createdAt"] is String })
    }

    @Test("A personal access token is printed once, lets a program read the API, and stops working once revoked")
    func accessTokenWorksUntilRevoked() throws {
        let database = TestDatabase()
        try add("ana", admin: true, password: Self.anaPassword, database)
        let made = try limber(["users", "token", "ana", "--label", "backup"], database)
        #expect(made.status == 0, "\(made.stderr)")
        let lines = made.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "one line: \(made.stdout)")
        let token = String(lines[0])
        #expect(token.hasPrefix("lmbt_"), "\(made.stdout)")
        #expect(made.stderr.contains("shown only this once"), "\(made.stderr)")
        #expect(try limber(["users", "list"], database).stdout.contains("ana (admin)  since "))
        #expect(try limber(["users", "list"], database).stdout.contains("  1 token"))

        let listed = try limber(["users", "token", "ana", "--list"], database)
        #expect(!listed.stdout.contains(token), "the secret is never shown again")
        let id = try #require(listed.stdout.split(separator: " ").first.map(String.init))
        #expect(listed.stdout.contains("  backup  made "), "\(listed.stdout)")
        #expect(made.stderr.contains("Its id: \(id)"), "\(made.stderr)")

        let server = try RunningServer(environment: database.environment)
        #expect(try server.request("GET", "/api/v1/episodes").status == 401)
        let bearer = ["Authorization": "Bearer \(token)"]
        #expect(try server.request("GET", "/api/v1/episodes", headers: bearer).status == 200)

        let revoked = try limber(["users", "token", "ana", "--revoke", id], database)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        // The server rereads tokens at most a second old: a revoke from the CLI counts within that.
        #expect(try server.status(becoming: 401, "GET", "/api/v1/episodes", headers: bearer) == 401)
        let again = try limber(["users", "token", "ana", "--revoke", id], database)
        expectOneLine(again)
        #expect(again.stderr.hasPrefix("limber: revoke: \"\(id)\" is not accepted; "), "\(again.stderr)")
    }

    // MARK: - Passwords, removing, inviting

    @Test("A new password from users password signs the account out of every browser, and only it signs in")
    func newPasswordSignsOut() throws {
        let database = TestDatabase()
        try add("ana", admin: true, password: Self.anaPassword, database)
        let server = try RunningServer(environment: database.environment)
        let cookie = try #require(try server.signIn(as: "ana", password: Self.anaPassword))
        #expect(try server.request("GET", "/api/v1/episodes", headers: ["Cookie": cookie]).status == 200)

        let newPassword = "lower-back-rotation"
        let changed = try limber(["users", "password", "ana"], database, stdin: newPassword + "\n")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("signed out"), "\(changed.stdout)")
        #expect(!changed.stdout.contains(newPassword) && !changed.stderr.contains(newPassword))

        #expect(try server.status(becoming: 401, "GET", "/api/v1/episodes", headers: ["Cookie": cookie]) == 401)
        #expect(try server.signIn(as: "ana", password: Self.anaPassword) == nil, "the old password is refused")
        #expect(try server.signIn(as: "ana", password: newPassword) != nil)
    }

    @Test("users remove asks for --yes away from a terminal, keeps the only admin, and removes ben's records")
    func removeNeedsYesAndKeepsAnAdmin() throws {
        let database = TestDatabase()
        try add("ana", admin: true, password: Self.anaPassword, database)
        try add("ben", password: Self.benPassword, database)
        #expect(try logCramp("foot", database, user: ["--user", "ben"]).status == 0)

        let unasked = try limber(["users", "remove", "ben"], database)
        expectOneLine(unasked)
        #expect(unasked.stderr.hasPrefix("limber: --yes: missing; removing ben "), "\(unasked.stderr)")
        #expect(try accountNames(database) == ["ana", "ben"])

        let onlyAdmin = try limber(["users", "remove", "ana", "--yes"], database)
        expectOneLine(onlyAdmin)
        #expect(onlyAdmin.stderr.contains("it is the only admin"), "\(onlyAdmin.stderr)")
        #expect(try accountNames(database) == ["ana", "ben"])

        let removed = try limber(["users", "remove", "ben", "--yes"], database)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(
            removed.stdout.hasPrefix("Removed ben and every record in it (1 cramp, 0 sessions"), "\(removed.stdout)")
        #expect(try accountNames(database) == ["ana"])
        let gone = try limber(["history", "--user", "ben"], database)
        expectOneLine(gone)
        #expect(gone.stderr == "limber: --user: \"ben\" is not accepted; use one of: ana\n", "\(gone.stderr)")
    }

    @Test("users invite prints a one-time link that the server opens, and needs an account first")
    func inviteLink() throws {
        let database = TestDatabase()
        let early = try limber(["users", "invite"], database)
        expectOneLine(early)
        #expect(early.stderr.contains("there are no accounts yet"), "\(early.stderr)")

        try add("ana", admin: true, password: Self.anaPassword, database)
        let invite = try limber(["users", "invite"], database)
        #expect(invite.status == 0, "\(invite.stderr)")
        let link = try #require(
            invite.stdout.firstMatch(of: #/^http://127\.0\.0\.1:8080(/invite/lmbi_[A-Za-z0-9_-]+)\n$/#),
            "\(invite.stdout)")
        let server = try RunningServer(environment: database.environment)
        #expect(try server.request("GET", String(link.output.1)).status == 200)
        #expect(try server.request("GET", "/invite/lmbi_madeup").status == 404)
    }

    @Test("limber serve with no accounts prints a setup link, on a line of its own, that opens from this computer")
    func serveWithoutAccountsPrintsSetupLink() throws {
        let database = TestDatabase()
        let server = try RunningServer(environment: database.environment)
        let link = try #require(
            server.printed.firstMatch(
                of: try Regex("\nhttp://127\\.0\\.0\\.1:\(server.port)(/invite/lmbi_[A-Za-z0-9_-]+)\n")),
            "\(server.printed)")
        let path = try #require(link.output[1].substring)
        #expect(try server.request("GET", String(path)).status == 200)
    }

    @Test("limber serve --host 0.0.0.0 with no accounts is refused in one line naming --host")
    func everyAddressNeedsAccounts() throws {
        let database = TestDatabase()
        let run = try CLI.run(
            ["serve", "--host", "0.0.0.0", "--port", "\(try RunningServer.freePort())"],
            environment: database.environment, killAfter: 30)
        expectOneLine(run)
        #expect(run.stderr.hasPrefix("limber: --host: \"0.0.0.0\" is not accepted; "), "\(run.stderr)")
        #expect(!run.stdout.contains("running at"), "\(run.stdout)")
    }

    @Test("users second-factor says whether an account has one, and --off removes it for a lost phone")
    func secondFactorOff() throws {
        let database = TestDatabase()
        try add("ana", admin: true, password: Self.anaPassword, database)
        #expect(try limber(["users", "second-factor", "ana"], database).stdout == "ana: second factor off.\n")
        // Set up as the Account page would leave it: a key in the account's row.
        let queue = try DatabaseQueue(path: database.path)
        try queue.write { db in try db.execute(sql: "UPDATE accounts SET totpSecret = 'aa' WHERE name = 'ana'") }
        #expect(try limber(["users", "second-factor", "ana"], database).stdout == "ana: second factor on.\n")
        let off = try limber(["users", "second-factor", "ana", "--off"], database)
        #expect(off.status == 0)
        #expect(off.stdout.hasPrefix("Turned off ana's second factor"))
        #expect(try limber(["users", "second-factor", "ana"], database).stdout == "ana: second factor off.\n")
        #expect(try limber(["users", "second-factor", "nobody", "--off"], database).status == 2)
    }
}
