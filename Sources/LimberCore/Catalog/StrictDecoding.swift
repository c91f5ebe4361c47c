import Foundation

/// A coding key for reading whatever keys an object actually has, so unknown fields can be reported.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

/// Catalog files are written by hand; a misspelt field would otherwise be ignored silently and a
/// dose would fall back to its default. Every catalog type therefore rejects fields it does not know.
public func rejectUnknownKeys<Key: CodingKey & CaseIterable>(in decoder: any Decoder, allowed: Key.Type) throws {
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    let known = Set(Key.allCases.map(\.stringValue))
    for key in container.allKeys where !known.contains(key.stringValue) {
        let accepted = Key.allCases.map(\.stringValue).joined(separator: ", ")
        throw DecodingError.dataCorrupted(
            .init(
                codingPath: container.codingPath + [key],
                debugDescription: "unknown field; accepted fields here: \(accepted)"
            )
        )
    }
}

/// A string enum in a catalog file whose error lists every accepted value.
public protocol CatalogEnum: RawRepresentable, CaseIterable, Codable, Sendable, Hashable
where RawValue == String {}

extension CatalogEnum {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "must be one of \(Self.acceptedValues), got \"\(raw)\""
                )
            )
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The accepted values, for error messages and `--help`.
    public static var acceptedValues: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}

extension KeyedDecodingContainer {
    /// As `decodeIfPresent`, except that a field sent as `null` is refused instead of read as left
    /// out: the API's document says what each field is, and a `null` it does not allow is a
    /// client's mistake worth naming, not a silent default.
    public func decodeUnlessNull<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) {
            throw DecodingError.valueNotFound(
                T.self, .init(codingPath: codingPath + [key], debugDescription: "\(key.stringValue) is null"))
        }
        return try decode(T.self, forKey: key)
    }
}
