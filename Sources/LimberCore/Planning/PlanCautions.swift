extension Plan {
    /// A caution as a person reads it once, with every exercise in the plan it concerns.
    public struct GroupedWarning: Sendable, Hashable {
        public var exerciseNames: [String]
        public var text: String
        public var condition: Condition?
    }

    /// The plan's cautions with each text said once, in the order first met: two calf stretches that share a
    /// warning show it once, naming both.
    public var groupedCautions: [GroupedWarning] {
        var grouped: [GroupedWarning] = []
        for warning in cautions {
            if let i = grouped.firstIndex(where: { $0.text == warning.text && $0.condition == warning.condition }) {
                if !grouped[i].exerciseNames.contains(warning.exerciseName) {
                    grouped[i].exerciseNames.append(warning.exerciseName)
                }
            } else {
                grouped.append(
                    .init(exerciseNames: [warning.exerciseName], text: warning.text, condition: warning.condition))
            }
        }
        return grouped
    }
}
