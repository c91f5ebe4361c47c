import GRDB
import LimberCore

/// One row of the `profile_conditions` table: the health conditions a person saved.
struct ProfileConditionsRow: ProfileSettingRow {
    static let databaseTableName = "profile_conditions"

    var profileId: String
    /// Raw values rather than `Condition`s, so that one a later Limber wrote does not stop this
    /// one reading the rest.
    var conditions: [String]

    init(_ conditions: [Condition], profile: ProfileID) {
        profileId = profile
        self.conditions = StoredConditions.rawValues(conditions)
    }

    /// In `Condition`'s fixed order, each once; names this version does not know are skipped.
    var known: [Condition] {
        StoredConditions.known(conditions)
    }
}
