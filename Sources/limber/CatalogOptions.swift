import ArgumentParser
import Foundation
import LimberCore

/// `--catalog`: a user catalog merged over the bundled one.
struct CatalogSource: ParsableArguments {
    @Option(name: .customLong("catalog"), help: "A catalog file merged over the bundled one.")
    var path: String?

    func load() throws -> Catalog {
        do {
            return try CatalogLoader.load(userCatalogPath: path)
        } catch {
            throw UserError(error)
        }
    }
}

/// Options every catalog listing shares.
struct CatalogOptions: ParsableArguments {
    @OptionGroup var source: CatalogSource

    @Flag(help: "Print JSON in the same shapes as the catalog file.")
    var json = false

    func loadCatalog() throws -> Catalog { try source.load() }
}

/// Writes a value as stable, readable JSON on stdout.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = ISODate.encodingStrategy
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}

extension Side: ExpressibleByArgument {}
extension Goal: ExpressibleByArgument {}
extension Condition: ExpressibleByArgument {}
