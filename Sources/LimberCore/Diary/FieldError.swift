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

    public init(field: String, value: String, accepted: String) {
        self.field = field
        self.value = value
        self.accepted = accepted
    }

    /// The same error under the name a front end gives the field, when `names` has one.
    public func renamed(_ names: [String: String]) -> FieldError {
        FieldError(field: names[field] ?? field, value: value, accepted: accepted)
    }

    public var description: String {
        value.isEmpty ? "\(field): missing; \(accepted)" : "\(field): \"\(value)\" is not accepted; \(accepted)"
    }
}
