/// Bad input named the way a person can fix it: the field, the value given, and what is accepted.
/// The CLI prints it as one line and the API as a problem document.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var value: String
    public var accepted: String

    public init(field: String, value: String, accepted: String) {
        self.field = field
        self.value = value
        self.accepted = accepted
    }

    public var description: String {
        value.isEmpty ? "\(field): missing; \(accepted)" : "\(field): \"\(value)\" is not accepted; \(accepted)"
    }
}
