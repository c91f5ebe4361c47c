import ArgumentParser
import Foundation
import Hummingbird
import LimberCore
import LimberServer
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

    @Flag(help: "Allow listening on an address other computers can reach. There are no accounts yet.")
    var allowRemote = false

    @OptionGroup var publicAddress: PublicURLOption

    static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port: must be 1...65535, got \(port)") }
        if !Self.loopbackHosts.contains(host) && !allowRemote {
            throw ValidationError(
                "--host: \"\(host)\" can be reached from other computers; Limber has no accounts yet, "
                    + "so add --allow-remote only on a network you trust")
        }
    }

    func run() async throws {
        let catalog = try catalogSource.load()
        let (store, path) = try await storeOptions.openStore()
        if !Self.loopbackHosts.contains(host) {
            FileHandle.standardError.write(
                Data(
                    "Warning: listening on \(host). Limber has no accounts yet: anyone who can reach this address can read and change the diary.\n"
                        .utf8))
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
            host: host, port: port, catalog: catalog, store: store, databasePath: path, publicURL: publicAddress.url,
            profile: storeOptions.person)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let publicLine = configuration.publicURL.map { "Other devices use: \($0)/\n" } ?? ""
        let app = try await buildApplication(configuration, logger: logger) {
            // Only once the socket listens, so "running" is never said of a server that failed to
            // start; written unbuffered, so a script or a test reading the output sees it at once.
            FileHandle.standardOutput.write(
                Data(
                    ("Limber is running at http://\(shownHost):\(port)/\n\(publicLine)"
                        + "Database: \(path)\nPress Ctrl-C to stop.\n").utf8))
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
}
