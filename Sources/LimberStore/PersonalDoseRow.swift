import Foundation
import GRDB
import LimberCore

/// One row of the `personal_doses` table: a person's own dose for one exercise, stored whole as
/// JSON beside the exercise id that makes it one per exercise.
struct PersonalDoseRow: StoredRow {
    static let databaseTableName = "personal_doses"
    static let keyColumn = "exerciseId"

    var profileId: String
    var exerciseId: String
    var body: PersonalDose
    // `updatedAt` is left to the column's default, and refreshed by `save`.

    init(_ dose: PersonalDose, profile: ProfileID) {
        profileId = profile
        exerciseId = dose.exerciseId
        body = dose
    }

    static func all(profile: ProfileID, _ db: Database) throws -> [PersonalDose] {
        try fetchAll(
            db, sql: "SELECT * FROM personal_doses WHERE profileId = ? ORDER BY exerciseId", arguments: [profile]
        )
        .map(\.body)
    }

    /// Adds the dose, or replaces the profile's dose for the same exercise.
    func save(_ db: Database) throws {
        let values = try databaseDictionary
        try db.execute(
            sql: """
                INSERT INTO personal_doses (profileId, exerciseId, body) VALUES (?, ?, ?)
                ON CONFLICT (profileId, exerciseId) DO UPDATE SET
                    body = excluded.body, updatedAt = (julianday('now') - 2440587.5) * 86400.0
                """,
            arguments: [values["profileId"], values["exerciseId"], values["body"]])
    }
}
