import Foundation
import GRDB

/// How ids and dates look on disk. The row types' strategies and the values bound in hand-written
/// queries sit side by side here because they must agree: a UUID bound as GRDB's default 16-byte
/// blob, or a date bound as GRDB's default text, would silently match no stored row.
enum StoredValue {
    /// Lowercase, as RFC 9562 writes UUIDs and PostgreSQL prints them.
    static let uuidStrategy = DatabaseUUIDEncodingStrategy.lowercaseString
    /// REAL seconds since 1970; see the v1 migration for why.
    static let dateEncodingStrategy = DatabaseDateEncodingStrategy.timeIntervalSince1970
    static let dateDecodingStrategy = DatabaseDateDecodingStrategy.timeIntervalSince1970

    static func id(_ id: UUID) -> String {
        id.uuidString.lowercased()
    }

    static func date(_ date: Date) -> Double {
        date.timeIntervalSince1970
    }
}
