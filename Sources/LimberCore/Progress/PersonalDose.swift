/// A person's own dose for one exercise, made by accepting a progression suggestion. It applies
/// wherever the exercise's dose is shown or played, and can be undone back to `previous`.
public struct PersonalDose: Codable, Sendable, Hashable {
    public var exerciseId: String
    public var dose: DoseOverride
    /// What applied before this change; nil when the catalog dose did.
    public var previous: DoseOverride?

    public init(exerciseId: String, dose: DoseOverride, previous: DoseOverride? = nil) {
        self.exerciseId = exerciseId
        self.dose = dose
        self.previous = previous
    }
}
