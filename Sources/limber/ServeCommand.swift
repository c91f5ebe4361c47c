import ArgumentParser
import Foundation
import Hummingbird
import LimberAccounts
import LimberCore
import LimberServer
import LimberStore
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web app: body map, guided player, diary and JSON API.")

    @OptionGroup var catalogSource: CatalogSource
    @OptionGroup var storeOptions: StoreOptions

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
        let (store, path) = try await storeOptions.openStore()
        let hasAccounts = try await store.hasAccounts()
        // With no accounts there is nobody to keep records private for, so only this machine
        // may reach the one diary there is.
        if !Self.loopbackHosts.contains(host) && !hasAccounts {
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
        var logger = Logger(label: "limber")
        logger.logLevel = .notice
        let configuration = ServerConfiguration(
            host: host, port: port, catalog: catalog, store: store, databasePath: path, publicURL: publicAddress.url)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let publicLine = configuration.publicURL.map { "Other devices use: \($0)/\n" } ?? ""
        let setupLine =
            hasAccounts ? "" : try await setupLink(store, shownHost: host.contains(":") ? "[\(host)]" : host)
        let app = try await buildApplication(configuration, logger: logger) {
            // Only once the socket listens, so "running" is never said of a server that failed to
            // start; written unbuffered, so a script or a test reading the output sees it at once.
            FileHandle.standardOutput.write(
                Data(
                    ("Limber is running at http://\(shownHost):\(port)/\n\(publicLine)"
                        + "Database: \(path)\n\(setupLine)Press Ctrl-C to stop.\n").utf8))
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

    /// A one-time link that makes the first account, on this machine only, for an hour: so a
    /// person can set up accounts from the browser, and no one else can, and there is never a
    /// default account. A new one each start; an unused one simply expires.
    private func setupLink(_ store: any Store, shownHost: String) async throws -> String {
        let secret = SecretToken.make(prefix: "lmbi_")
        let now = Date()
        let lifetime = SignInSettings.standard.setupLinkLifetime
        try await store.addInvite(
            Invite(
                tokenHash: secret.hash, isAdmin: true, createdAt: now, expiresAt: now.addingTimeInterval(lifetime),
                createdBy: nil))
        // The link on a line of its own: in a narrow terminal, a link wrapped in mid-sentence is
        // hard to select whole.
        return "No accounts yet: one diary, for this computer only. To give each person their own, open "
            + "this link on this computer within \(Int(lifetime / 60)) minutes:\n"
            + "http://\(shownHost):\(port)/invite/\(secret.token)\n"
            + "or run `limber users add NAME --admin`.\n"
    }
}
