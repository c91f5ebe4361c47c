import GRDB
import LimberCore

/// One row of the `profile_time_zones` table: the IANA time zone a person lives in.
struct ProfileTimeZoneRow: ProfileSettingRow {
    static let databaseTableName = "profile_time_zones"

    var profileId: String
    var identifier: String
}
