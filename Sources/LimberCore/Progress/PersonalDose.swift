import Foundation

/// A person's own dose for one exercise, made by accepting a progression suggestion. It applies
/// wherever the exercise's dose is shown or played, and can be undone back to `previous`.
public struct PersonalDose: Codable, Sendable, Hashable {
    public var exerciseId: String
    public var dose: DoseOverride
    /// What applied before this change; nil when the catalog dose did.
    public var previous: DoseOverride?
    /// When the person accepted it. Ratings from before then were given to an older dose, so the
    /// progression rules read only later ones; nil counts every rating.
    public var acceptedAt: Date?
    /// The suggestion it came from, so accepting the same suggestion again changes nothing.
    public var suggestionId: String?

    public init(
        exerciseId: String, dose: DoseOverride, previous: DoseOverride? = nil, acceptedAt: Date? = nil,
        suggestionId: String? = nil
    ) {
        self.exerciseId = exerciseId
        self.dose = dose
        self.previous = previous
        self.acceptedAt = acceptedAt
        self.suggestionId = suggestionId
    }

    /// What undoing this change leaves: the previous personal dose, or nil when the catalog dose
    /// applies again. Only one step is remembered, so a second undo goes back to the catalog.
    public var undone: PersonalDose? {
        previous.map { PersonalDose(exerciseId: exerciseId, dose: $0) }
    }
}

extension [PersonalDose] {
    /// The overrides by exercise id, as `TimelineCompiler` takes them.
    public var overridesByExercise: [String: DoseOverride] {
        Dictionary(map { ($0.exerciseId, $0.dose) }, uniquingKeysWith: { _, last in last })
    }
}
