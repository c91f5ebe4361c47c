import ArgumentParser
import Foundation
import LimberCore
import LimberServer

/// `--public-url`, shared by `limber serve` and `limber remind feed`, with `LIMBER_PUBLIC_URL`
/// as its default so the address is set once for both, as `LIMBER_DATABASE` is for the file.
/// It is not kept in the database: it describes how this machine is reached, not a person's
/// records, and keeping it there would need a migration for one string.
struct PublicURLOption: ParsableArguments {
    static let environmentName = "LIMBER_PUBLIC_URL"

    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp(
            "The address a phone uses to reach the server, such as https://limber.home.arpa or "
                + "http://192.168.1.20:8080 (default: $LIMBER_PUBLIC_URL).",
            valueName: "url"))
    var text: String?

    func validate() throws {
        do {
            _ = try read(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The address given by the option, else by the environment; nil when neither gives one.
    func read(environment: [String: String]) throws(FieldError) -> PublicURL? {
        if let text { return try PublicURL(parsing: text, field: "public-url") }
        if let value = environment[Self.environmentName], !value.isEmpty {
            return try PublicURL(parsing: value, field: Self.environmentName)
        }
        return nil
    }

    /// The address, once `validate()` has passed.
    var url: PublicURL? {
        try? read(environment: ProcessInfo.processInfo.environment)
    }
}
