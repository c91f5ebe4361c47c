import Foundation
import LimberCore

/// How documents (personal doses, reminders, an episode's regions) are kept in a JSON column:
/// sorted keys, so an unchanged value always saves the same bytes, and dates in Limber's one
/// ISO 8601 form. Public so that every backend writes the same shapes.
public enum StoredJSON {
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = ISODate.encodingStrategy
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = ISODate.decodingStrategy
        return decoder
    }
}
