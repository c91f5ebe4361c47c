import Foundation
import GRDB
import LimberCore

/// One row of the `custom_routines` table: a person's own `Routine`, stored whole as JSON.
///
/// The JSON coding lives here, beside the column it fills, so every query reads and writes the
/// body the same way.
struct CustomRoutineRow: StoredRow {
    static let databaseTableName = "custom_routines"

    var profileId: String
    var id: String
    var position: Int
    var body: String
    var createdAt: Date
    var updatedAt: Date

    static func encodeBody(_ routine: Routine) throws -> String {
        let encoder = JSONEncoder()
        // Sorted keys keep the stored text stable, so an unchanged routine saves the same bytes.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(routine), as: UTF8.self)
    }

    func routine() throws -> Routine {
        try JSONDecoder().decode(Routine.self, from: Data(body.utf8))
    }
}
