import Foundation
import LimberCore

/// How small documents (personal doses, reminders) are kept in a JSON column: sorted keys, so an
/// unchanged value always saves the same bytes, and dates in Limber's one ISO 8601 form.
enum StoredJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = ISODate.encodingStrategy
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = ISODate.decodingStrategy
        return try decoder.decode(T.self, from: Data(text.utf8))
    }
}
