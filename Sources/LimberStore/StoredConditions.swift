import LimberCore

/// How a person's conditions are kept: raw values in `Condition`'s fixed order, each once, so
/// every backend saves the same list and reads back the same one.
public enum StoredConditions {
    /// What is stored for `conditions`: raw values rather than `Condition`s, so that one a later
    /// Limber wrote does not stop this one reading the rest.
    public static func rawValues(_ conditions: [Condition]) -> [String] {
        Condition.allCases.filter(conditions.contains).map(\.rawValue)
    }

    /// In `Condition`'s fixed order, each once; names this version does not know are skipped.
    public static func known(_ rawValues: [String]) -> [Condition] {
        Condition.allCases.filter { rawValues.contains($0.rawValue) }
    }
}
