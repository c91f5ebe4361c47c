import GRDB
import LimberCore

/// One row of the `calendar_feeds` table: the secret in a profile's calendar address.
struct CalendarFeedRow: ProfileSettingRow {
    static let databaseTableName = "calendar_feeds"

    var profileId: String
    var token: String
}
