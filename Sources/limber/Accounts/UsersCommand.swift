import ArgumentParser
import Foundation
import LimberAccounts
import LimberCore
import LimberServer
import LimberStore

/// `limber users add|list|remove|password|token|invite`: the accounts of a household or clinic.
/// Whoever can run these can open the database itself, so they ask for no admin password.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Accounts: each person signs in to their own private diary.",
        discussion: """
            With no accounts, Limber keeps one diary and serves it only to this computer. The first account \
            takes over that diary; each account after it starts empty. Once there are accounts, every page \
            and API call needs a sign-in, and the other commands need --user NAME (or LIMBER_USER) to know \
            whose records to use.
            """,
        subcommands: [Add.self, List.self, Remove.self, Password.self, Token.self, Invite.self, SecondFactor.self])

    struct Database: ParsableArguments {
        @Option(
            name: .customLong("database"),
            help:
                "The SQLite file or postgres:// address (default: $LIMBER_DATABASE, else ~/.local/share/limber/limber.sqlite)."
        )
        var path: String?

        var storeOptions: StoreOptions {
            var options = StoreOptions()
            options.path = path
            return options
        }

        func account(named typed: String, in store: any Store) async throws -> Account {
            let name = try Users.name(typed)
            guard let account = try await store.account(named: name) else {
                let known = try await store.accounts().map(\.name)
                throw UserError(
                    FieldError(
                        field: "name", value: typed,
                        accepted: known.isEmpty
                            ? "there are no accounts yet; add one with `limber users add NAME --admin`"
                            : "use one of: \(known.joined(separator: ", "))"
                    ).description)
            }
            return account
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add an account; its password is read from standard input.")

        @OptionGroup var database: Database
        @Argument(help: "The name to sign in with: letters, digits, dots, dashes, underscores.") var name: String
        @Flag(help: "May invite and remove people (but never read their records).") var admin = false

        // A ValidationError, not a UserError: the parser wraps anything else thrown here, and it
        // would reach the person as `UserError(message: ...)` with exit code 1.
        func validate() throws {
            do {
                _ = try AccountNameRules.normalized(name)
            } catch {
                throw ValidationError(error.description)
            }
        }

        func run() async throws {
            let store = try await database.storeOptions.openStore().store
            let name = try Users.name(name)
            if try await store.account(named: name) != nil {
                throw UserError(
                    FieldError(field: "name", value: name, accepted: "it is taken; choose another").description)
            }
            let hadAccounts = try await store.hasAccounts()
            if !hadAccounts && !admin {
                throw UserError(
                    "--admin: missing; the first account must be an admin, to invite and remove the others: "
                        + "limber users add \(name) --admin")
            }
            let password = try PasswordInput.newPassword(for: name)
            let new = NewAccount(
                name: name, passwordHash: try await PasswordHasher().hash(password), isAdmin: admin, createdAt: Date())
            switch try await store.createAccount(new) {
            case .nameTaken:
                throw UserError(
                    FieldError(field: "name", value: name, accepted: "it is taken; choose another").description)
            case .created(let account, let adopted):
                print("Added \(account.name)\(account.isAdmin ? ", an admin" : "").")
                if adopted {
                    let episodes = try await store.episodes(profile: account.profile, since: nil, region: nil).count
                    let sessions = try await store.sessions(profile: account.profile, since: nil).count
                    print(
                        "It is the first account, so it now holds every record kept so far "
                            + "(\(Users.count(episodes, "cramp")), \(Users.count(sessions, "session"))).")
                    print(
                        "From now on the web app asks everyone to sign in, and other commands need --user NAME "
                            + "(or LIMBER_USER).")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")

        @OptionGroup var database: Database
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            guard let store = try await database.storeOptions.openExistingStore() else {
                print(json ? "[]" : "No accounts: Limber keeps one diary, for this computer only.")
                return
            }
            let accounts = try await store.accounts()
            if json {
                struct Line: Encodable {
                    var name: String
                    var admin: Bool
                    var createdAt: Date
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.dateEncodingStrategy = .iso8601
                let data = try encoder.encode(
                    accounts.map { Line(name: $0.name, admin: $0.isAdmin, createdAt: $0.createdAt) })
                // Foundation pretty-prints an empty array across lines; "[]" is what a script expects.
                print(accounts.isEmpty ? "[]" : String(decoding: data, as: UTF8.self))
                return
            }
            guard !accounts.isEmpty else {
                print("No accounts: Limber keeps one diary, for this computer only.")
                return
            }
            for account in accounts {
                let tokens = try await store.accessTokens(account: account.id).count
                print(
                    "\(account.name)\(account.isAdmin ? " (admin)" : "")  since "
                        + "\(String(ISODate.string(account.createdAt).prefix(10)))"
                        + (tokens > 0 ? "  \(Users.count(tokens, "token"))" : ""))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove an account and every record in it.")

        @OptionGroup var database: Database
        @Argument(help: "Whose account.") var name: String
        @Flag(help: "Do not ask first.") var yes = false

        func run() async throws {
            let store = try await database.storeOptions.openStore().store
            let account = try await database.account(named: name, in: store)
            let episodes = try await store.episodes(profile: account.profile, since: nil, region: nil).count
            let sessions = try await store.sessions(profile: account.profile, since: nil).count
            let what =
                "\(account.name) and every record in it (\(Users.count(episodes, "cramp")), "
                + "\(Users.count(sessions, "session")), routines, reminders)"
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw UserError(
                        "--yes: missing; removing \(what) cannot be undone, so say --yes when not asked at a terminal")
                }
                FileHandle.standardError.write(Data("Remove \(what)? Type the name to confirm: ".utf8))
                guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == account.name else {
                    print("Nothing was removed.")
                    return
                }
            }
            switch try await store.removeAccount(id: account.id) {
            case .removed: print("Removed \(what).")
            case .notFound: print("Nothing was removed: \(account.name) had already gone.")
            case .lastAdmin:
                throw UserError(
                    FieldError(
                        field: "name", value: account.name,
                        accepted: "it is the only admin and others have accounts; add another admin first"
                    ).description)
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "password",
            abstract: "Set a new password, read from standard input; signs the account out everywhere.")

        @OptionGroup var database: Database
        @Argument(help: "Whose account.") var name: String

        func run() async throws {
            let store = try await database.storeOptions.openStore().store
            let account = try await database.account(named: name, in: store)
            let password = try PasswordInput.newPassword(for: account.name, replacing: true)
            _ = try await store.setPasswordHash(try await PasswordHasher().hash(password), account: account.id)
            print(
                "New password set for \(account.name); every browser signed in as \(account.name) was signed out. "
                    + "Tokens for programs keep working until revoked (limber users token \(account.name) --list).")
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Make a personal access token for a program (shown once), or revoke one.")

        @OptionGroup var database: Database
        @Argument(help: "Whose account.") var name: String
        @Option(help: "What will use it, such as \"backup script\".") var label = "command line"
        @Option(help: "Revoke the token with this id (see `limber users token NAME --list`).") var revoke: String?
        @Flag(help: "List the account's tokens.") var list = false

        func run() async throws {
            let store = try await database.storeOptions.openStore().store
            let account = try await database.account(named: name, in: store)
            if list {
                let tokens = try await store.accessTokens(account: account.id)
                if tokens.isEmpty { print("\(account.name) has no tokens.") }
                for token in tokens {
                    print(
                        "\(token.id.uuidString.lowercased())  \(token.label)  made "
                            + "\(String(ISODate.string(token.createdAt).prefix(10)))")
                }
                return
            }
            if let revoke {
                guard let id = UUID(uuidString: revoke), try await store.revokeAccessToken(id: id, account: account.id)
                else {
                    throw UserError(
                        FieldError(
                            field: "revoke", value: revoke,
                            accepted:
                                "give the id of one of \(account.name)'s tokens (limber users token \(account.name) --list)"
                        ).description)
                }
                print("Revoked; programs using that token are refused from now on.")
                return
            }
            let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...60).contains(trimmed.count) else {
                throw UserError(
                    FieldError(field: "label", value: label, accepted: "give 1 to 60 characters").description)
            }
            let secret = SecretToken.make(prefix: "lmbt_")
            let token = AccessToken(accountId: account.id, label: trimmed, createdAt: Date())
            try await store.addAccessToken(token, tokenHash: secret.hash)
            print(secret.token)
            FileHandle.standardError.write(
                Data(
                    ("This token acts as \(account.name) until revoked; it is shown only this once. "
                        + "Send it as Authorization: Bearer TOKEN. Its id: \(token.id.uuidString.lowercased())\n").utf8)
            )
        }
    }

    struct SecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "second-factor",
            abstract: "Say whether an account has a second factor, or turn it off (for a lost phone).",
            discussion: "A second factor is set up by its owner on the Account page; this only reads or removes it.")

        @OptionGroup var database: Database
        @Argument(help: "Whose account.") var name: String
        @Flag(help: "Turn it off, recovery codes and all; the password alone signs in until it is set up again.")
        var off = false

        func run() async throws {
            let store = try await database.storeOptions.openStore().store
            let account = try await database.account(named: name, in: store)
            let isOn = try await store.secondFactor(account: account.id) != nil
            guard off else {
                print("\(account.name): second factor \(isOn ? "on" : "off").")
                return
            }
            try await store.setSecondFactor(nil, recoveryCodeHashes: [], account: account.id)
            print(
                isOn
                    ? "Turned off \(account.name)'s second factor; they can set up a new one on the Account page."
                    : "\(account.name) had no second factor; nothing changed.")
        }
    }

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invite", abstract: "Print a one-time link that lets someone create an account.")

        @OptionGroup var database: Database
        @OptionGroup var publicAddress: PublicURLOption
        @Flag(help: "The new account may invite and remove people.") var admin = false

        func run() async throws {
            let store = try await database.storeOptions.openStore().store
            guard let inviter = try await store.accounts().first(where: \.isAdmin) else {
                throw UserError(
                    "users invite: there are no accounts yet; make the first with `limber users add NAME --admin`")
            }
            let lifetime = SignInSettings.standard.inviteLifetime
            let secret = try await Invitations.make(
                in: store, isAdmin: admin, lifetime: lifetime, createdBy: inviter.id, now: Date())
            let base = publicAddress.url?.description ?? "http://127.0.0.1:8080"
            print("\(base)/invite/\(secret)")
            FileHandle.standardError.write(
                Data(
                    ("One account, within \(Int(lifetime / 86_400)) days\(admin ? ", as an admin" : "")."
                        + (publicAddress.url == nil
                            ? " Give --public-url (or LIMBER_PUBLIC_URL) for the address other devices use." : "")
                        + "\n").utf8))
        }
    }
}

enum Users {
    static func name(_ typed: String) throws -> String {
        do {
            return try AccountNameRules.normalized(typed)
        } catch {
            throw UserError(error.description)
        }
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
