import ArgumentParser
import ConcurrencyExtras
import Foundation
import Hummingbird
import LimberCore
import LimberPostgres
import LimberServer
import LimberStore
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web app: body map, guided player, diary and JSON API.",
        discussion: """
            With no accounts, Limber serves one diary to this computer only and prints a one-time setup link \
            for the first account (or run `limber users add NAME --admin`). Once there are accounts, every \
            page and API call needs a sign-in or a token, each person sees only their own records, and \
            --host may name an address other devices reach.

            To use it from a phone, run it behind a TLS-terminating proxy (Caddy, nginx) on 127.0.0.1 and \
            give the address people use with --public-url https://...: cookies are then Secure, and the \
            calendar feed and invitation links point there.

            --database postgres://USER@HOST:PORT/DB (or LIMBER_DATABASE) keeps everything in PostgreSQL; \
            several servers may share one database.
            """)

    @OptionGroup var catalogSource: CatalogSource
    /// Only the database: the server learns whose records each request wants from its sign-in.
    @OptionGroup var database: UsersCommand.Database

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @OptionGroup var publicAddress: PublicURLOption

    static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port: must be 1...65535, got \(port)") }
    }

    func run() async throws {
        let catalog = try catalogSource.load()
        let opened = try await openForServing()
        let store = opened.store
        var logger = Logger(label: "limber")
        logger.logLevel = .notice
        let configuration = ServerConfiguration(
            host: host, port: port, catalog: catalog, store: store, databasePath: opened.shown,
            publicURL: publicAddress.url)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let publicLine = configuration.publicURL.map { "Other devices use: \($0)/\n" } ?? ""
        let setupLine = LockIsolated("")
        let isRemote = !Self.loopbackHosts.contains(host)
        let app = try await buildApplication(
            configuration, logger: logger, services: opened.services,
            beforeServerStarts: {
                try await opened.prepare()
                let hasAccounts = try await store.hasAccounts()
                // With no accounts there is nobody to keep records private for, so only this
                // machine may reach the one diary there is.
                if isRemote && !hasAccounts {
                    throw UserError(
                        FieldError(
                            field: "--host", value: host,
                            accepted: "other computers could reach it, and this database has no accounts; "
                                + "create one first with `limber users add NAME --admin`, or use 127.0.0.1"
                        ).description)
                }
                // Every-address binds are how people reach Limber from a phone, and the host check would
                // refuse the phone without the address it uses; say so now rather than leave a bare 421.
                if ["0.0.0.0", "::"].contains(host) && publicAddress.url == nil {
                    FileHandle.standardError.write(
                        Data(
                            ("Note: other devices will be refused until you give the address they use, such as "
                                + "--public-url http://192.168.1.20:\(port); Limber answers only for its own names, "
                                + "to keep other web sites out.\n").utf8))
                }
                if !hasAccounts {
                    let link = try await setupLink(store, shownHost: shownHost)
                    setupLine.setValue(link)
                }
            }
        ) {
            // Only once the socket listens, so "running" is never said of a server that failed to
            // start; written unbuffered, so a script or a test reading the output sees it at once.
            FileHandle.standardOutput.write(
                Data(
                    ("Limber is running at http://\(shownHost):\(port)/\n\(publicLine)"
                        + "Database: \(opened.shown)\n\(setupLine.value)Press Ctrl-C to stop.\n").utf8))
        }
        do {
            try await app.runService()
        } catch {
            if let reason = ListenError(error, configuration: configuration) {
                throw EnvironmentError(reason.description)
            }
            throw error
        }
    }

    /// The store, and what the service group runs and does before serving: for PostgreSQL the
    /// connection pool as a service, and the migrations once it runs; SQLite is ready at once.
    private func openForServing() async throws -> (
        store: any Store, shown: String, services: [any Service], prepare: @Sendable () async throws -> Void
    ) {
        let options = database.storeOptions
        guard let address = options.postgresAddress else {
            let (store, path) = try await options.openStore()
            return (store, path, [], {})
        }
        let store: PostgresStore
        do {
            store = try PostgresStore.forServiceGroup(url: address)
        } catch {
            throw EnvironmentError((error as? PostgresStoreError)?.description ?? "database: \(error)")
        }
        return (
            store, StoreOptions.shown(address), [store.service],
            { try await StoreOptions.answering(address) { try await store.prepare() } }
        )
    }

    /// A one-time link that makes the first account, on this machine only, for an hour: so a
    /// person can set up accounts from the browser, and no one else can, and there is never a
    /// default account. A new one each start; an unused one simply expires.
    private func setupLink(_ store: any Store, shownHost: String) async throws -> String {
        let lifetime = SignInSettings.standard.setupLinkLifetime
        let secret = try await Invitations.make(
            in: store, isAdmin: true, lifetime: lifetime, createdBy: nil, now: Date())
        // The link on a line of its own: in a narrow terminal, a link wrapped in mid-sentence is
        // hard to select whole.
        return "No accounts yet: one diary, for this computer only. To give each person their own, open "
            + "this link on this computer within \(Int(lifetime / 60)) minutes:\n"
            + "http://\(shownHost):\(port)/invite/\(secret)\n"
            + "or run `limber users add NAME --admin`.\n"
    }
}
