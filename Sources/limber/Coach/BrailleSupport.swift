/// Whether this output can show braille figures: the locale must encode UTF-8 (the first of
/// LC_ALL, LC_CTYPE and LANG that is set decides, as POSIX says) and the terminal must not be a
/// dumb one. Where it cannot, figures are described in words instead.
enum BrailleSupport {
    static func isAvailable(environment: [String: String]) -> Bool {
        if environment["TERM"] == "dumb" { return false }
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }
}
