import Foundation
import LimberCore

/// How documents (personal doses, reminders, an episode's regions) are kept in a JSON column:
/// sorted keys, so an unchanged value always saves the same bytes, and dates in Limber's one
/// ISO 8601 form.
enum StoredJSON {
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = ISODate.encodingStrategy
        return encoder
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = ISODate.decodingStrategy
        return decoder
    }
}
