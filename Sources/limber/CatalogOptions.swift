import ArgumentParser
import Foundation
import LimberCore

/// Options every catalog command shares.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("catalog"), help: "A catalog file merged over the bundled one.")
    var catalogPath: String?

    @Flag(help: "Print JSON in the same shapes as the catalog file.")
    var json = false

    func loadCatalog() throws -> Catalog {
        do {
            return try CatalogLoader.load(userCatalogPath: catalogPath)
        } catch {
            throw UserError(error)
        }
    }
}

/// Writes a value as stable, readable JSON on stdout.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}

extension Side: ExpressibleByArgument {}
extension Goal: ExpressibleByArgument {}
extension Condition: ExpressibleByArgument {}
