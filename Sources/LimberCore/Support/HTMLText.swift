/// Text made safe to put in HTML or SVG, between tags or inside a quoted attribute. Markup that is
/// built in Swift rather than by Mustache (figures, charts, the time-zone list) uses this one rule.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
