/// A health condition the planner can take into account.
public enum Condition: String, CatalogEnum {
    case pregnancy
    case osteoporosis
    case knee
    case hipReplacement = "hip-replacement"
    case backSurgery = "back-surgery"

    /// The words a caution's text uses when it already names the condition.
    var mentionedAs: String {
        switch self {
        case .pregnancy: return "pregnan"
        case .osteoporosis: return "osteoporosis"
        case .knee: return "knee problem"
        case .hipReplacement: return "hip replacement"
        case .backSurgery: return "back surgery"
        }
    }

    /// Conditions as a form or a list of words names them, in a fixed order; an unknown one is
    /// refused naming `field`, the value and the accepted ones (a `FieldError`; declared untyped
    /// because `throws(FieldError)` here crashed the Swift 6.3 compiler in async route handlers).
    public static func parse(_ texts: [String], field: String = "conditions") throws -> [Condition] {
        var chosen: Set<Condition> = []
        for text in texts where !text.isEmpty {
            guard let condition = Condition(rawValue: text) else {
                throw FieldError(field: field, value: text, accepted: "use \(acceptedValues)")
            }
            chosen.insert(condition)
        }
        return allCases.filter(chosen.contains)
    }

    /// A few words for a tick box where room is short.
    public var shortTitle: String {
        switch self {
        case .pregnancy: return "pregnancy"
        case .osteoporosis: return "osteoporosis"
        case .knee: return "knee problems"
        case .hipReplacement: return "hip replacement"
        case .backSurgery: return "back surgery"
        }
    }

    /// How the condition reads in a sentence.
    public var title: String {
        switch self {
        case .pregnancy: return "pregnancy"
        case .osteoporosis: return "osteoporosis or low bone density"
        case .knee: return "knee problems"
        case .hipReplacement: return "a hip replacement"
        case .backSurgery: return "back surgery"
        }
    }
}

/// A warning shown before an exercise's steps. With conditions, it applies only to people who have
/// one of them; `avoid` makes the planner leave the exercise out for them instead of warning.
public struct Caution: Codable, Sendable, Hashable {
    public enum Action: String, CatalogEnum {
        /// Show the warning; the exercise may still be done with care.
        case takeCare = "take-care"
        /// Leave the exercise out for anyone with one of the conditions.
        case avoid
    }

    public var text: String
    public var conditions: [Condition]
    public var action: Action
    /// Where the warning comes from. The catalog validator refuses a bundled or user caution without one;
    /// the default keeps code that builds cautions in memory compiling.
    public var sources: [Source]

    public init(text: String, conditions: [Condition] = [], action: Action = .takeCare, sources: [Source] = []) {
        self.text = text
        self.conditions = conditions
        self.action = action
        self.sources = sources
    }

    /// The caution as one line for a person, naming who it concerns unless its text already does
    /// ("With knee problems: With knee problems, ..." says it twice).
    public var displayLine: String {
        let lowered = text.lowercased()
        let unnamed = conditions.filter { !lowered.contains($0.mentionedAs) }
        guard !unnamed.isEmpty else { return text }
        return "With \(conditions.map(\.title).joined(separator: " or ")): " + text
    }

    /// True when this caution concerns someone with the given conditions.
    public func applies(to present: Set<Condition>) -> Bool {
        conditions.isEmpty || conditions.contains(where: present.contains)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case text, conditions, action, sources
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        conditions = try c.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
        action = try c.decodeIfPresent(Action.self, forKey: .action) ?? .takeCare
        sources = try c.decodeIfPresent([Source].self, forKey: .sources) ?? []
    }
}

extension Caution {
    /// The cautions that concern everyone, and those for `conditions` the person saved, across a list of
    /// exercises shown on one screen: each said once, and one that concerns only some of the exercises names
    /// them ("Seated calf stretch with a towel: Pull ...").
    public static func sharedLines(for exercises: [Exercise], conditions: Set<Condition>) -> [String] {
        var groups: [(names: [String], line: String)] = []
        for exercise in exercises {
            for caution in exercise.cautions where caution.applies(to: conditions) {
                if let i = groups.firstIndex(where: { $0.line == caution.displayLine }) {
                    if !groups[i].names.contains(exercise.name) { groups[i].names.append(exercise.name) }
                } else {
                    groups.append(([exercise.name], caution.displayLine))
                }
            }
        }
        let everyName = Set(exercises.map(\.name))
        return groups.map { Set($0.names) == everyName ? $0.line : $0.names.listedWithAnd + ": " + $0.line }
    }
}
