/// Limber's version, written once: `limber --version` prints it, and anything else that names the
/// build reads it from here.
public enum LimberVersion {
    public static let current = "0.1.0"
}
