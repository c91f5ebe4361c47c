import Foundation

/// A diary entry as a person typed it, in a form or on the command line, before it is checked.
/// One place turns text into an `Episode`, so the CLI and the web form accept and refuse the same input.
public struct EpisodeDraft: Sendable, Hashable {
    public var regions: [String]
    public var side: String?
    public var severity: String?
    public var duration: String?
    /// Local date and time; empty means now.
    public var at: String?
    public var triggers: [String]
    public var wokeFromSleep: Bool
    public var relievedBy: String?
    public var notes: String?

    public init(
        regions: [String], side: String? = nil, severity: String? = nil, duration: String? = nil, at: String? = nil,
        triggers: [String] = [], wokeFromSleep: Bool = false, relievedBy: String? = nil, notes: String? = nil
    ) {
        self.regions = regions
        self.side = side
        self.severity = severity
        self.duration = duration
        self.at = at
        self.triggers = triggers
        self.wokeFromSleep = wokeFromSleep
        self.relievedBy = relievedBy
        self.notes = notes
    }

    /// The checked episode, or the first problem found, naming the field, the value and what is accepted.
    /// An empty `at` means `keeping` (an entry being changed keeps its time) or else `now`.
    public func makeEpisode(
        id: UUID, now: Date, timeZone: TimeZone, catalog: Catalog, keeping previousTime: Date? = nil
    ) throws(FieldError) -> Episode {
        let regions = self.regions.filter { !$0.isEmpty }
        guard !regions.isEmpty else {
            throw FieldError(field: "region", value: "", accepted: "choose where it cramped, such as calf")
        }
        var side: Side?
        if let text = self.side, !text.isEmpty {
            guard let value = Side(rawValue: text) else {
                throw FieldError(field: "side", value: text, accepted: "use left or right")
            }
            side = value
        }
        guard let severityText = severity?.trimmingCharacters(in: .whitespaces), !severityText.isEmpty else {
            throw FieldError(field: "severity", value: "", accepted: "give a number from 0 to 10")
        }
        guard let severity = Int(severityText) else {
            throw FieldError(field: "severity", value: severityText, accepted: "use a whole number from 0 to 10")
        }
        guard let durationText = duration, !durationText.isEmpty else {
            throw FieldError(field: "duration", value: "", accepted: "give how long it lasted, such as 90s or 2m")
        }
        let seconds = try DiaryRules.parseDuration(durationText)
        var occurredAt = previousTime ?? now
        if let at, !at.trimmingCharacters(in: .whitespaces).isEmpty {
            occurredAt = try DiaryRules.parseDate(at, field: "at", timeZone: timeZone, now: now)
        }
        var triggers: [Trigger] = []
        for name in self.triggers where !name.isEmpty {
            guard let trigger = Trigger(rawValue: name) else {
                throw FieldError(field: "trigger", value: name, accepted: "use one of \(Trigger.acceptedValues)")
            }
            if !triggers.contains(trigger) { triggers.append(trigger) }
        }
        let episode = Episode(
            id: id, occurredAt: occurredAt, durationSeconds: seconds, regions: regions, side: side, severity: severity,
            triggers: triggers, wokeFromSleep: wokeFromSleep, relievedBy: Self.text(relievedBy), notes: Self.text(notes)
        )
        do {
            try DiaryRules.validate(episode, catalog: catalog, now: now, timeZone: timeZone)
        } catch {
            throw error.renamed(Self.draftNames)
        }
        return episode
    }

    /// The episode's fields under the names a draft has them (`--region`, the form's `region`).
    static let draftNames = ["regions": "region", "durationSeconds": "duration", "occurredAt": "at"]

    private static func text(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
