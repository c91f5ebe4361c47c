/// Bad input named the way a person can fix it: the field, the value given, and what is accepted.
/// The CLI prints it as one line and the API as a problem document.
///
/// The rules name a record's fields as its JSON does (`durationSeconds`, `regions`, `routineId`),
/// since that is what an API client sent. A front end that asks for them under other names (a CLI
/// flag, a form label) renames the field with `renamed(_:)`, so every error names what the
/// person typed into.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var value: String
    public var accepted: String
    /// Which kind of rule the value breaks; the API answers the two with different statuses.
    public var rule: Rule

    /// A rule about one value alone (a range, a list of ids, a form), which the API's document
    /// states, or one that also reads other fields, the time now or stored records, which no
    /// schema can state: a client whose request matches the document can still break these.
    public enum Rule: Sendable, Hashable {
        case value
        case consistency
    }

    public init(field: String, value: String, accepted: String, rule: Rule = .value) {
        self.field = field
        self.value = value
        self.accepted = accepted
        self.rule = rule
    }

    /// The same error under the name a front end gives the field, when `names` has one.
    public func renamed(_ names: [String: String]) -> FieldError {
        FieldError(field: names[field] ?? field, value: value, accepted: accepted, rule: rule)
    }

    public var description: String {
        value.isEmpty ? "\(field): missing; \(accepted)" : "\(field): \"\(value)\" is not accepted; \(accepted)"
    }
}
