import Foundation

/// A reminder to do a routine on certain days at a certain local time.
public struct Reminder: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var routineId: String
    /// ISO weekdays: 1 is Monday, 7 is Sunday.
    public var weekdays: [Int]
    /// Local time of day, 0...23 and 0...59.
    public var hour: Int
    public var minute: Int
    /// An IANA time zone such as "Europe/London", so the reminder keeps its local time across
    /// daylight saving changes.
    public var timeZone: String

    public init(id: UUID = UUID(), routineId: String, weekdays: [Int], hour: Int, minute: Int, timeZone: String) {
        self.id = id
        self.routineId = routineId
        self.weekdays = weekdays
        self.hour = hour
        self.minute = minute
        self.timeZone = timeZone
    }
}
