/// Wraps text for a terminal of a given width, breaking only at spaces, so no word is cut unless a
/// single word is wider than the screen.
enum TextWrap {
    /// The lines `text` takes at `width` columns; lines after the first start with `indent` spaces.
    static func lines(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let width = max(8, width)
        let leading = String(text.prefix { $0 == " " })
        let pad = String(repeating: " ", count: min(indent, width / 2))
        var lines: [String] = []
        var line = leading
        var lineHasWord = false
        for word in text.split(separator: " ") {
            var rest = Substring(word)
            if lineHasWord && line.count + 1 + rest.count > width {
                lines.append(line)
                (line, lineHasWord) = (pad, false)
            }
            if lineHasWord { line += " " }
            // A word wider than the screen is the one case where cutting it beats losing it.
            while line.count + rest.count > width {
                let room = max(1, width - line.count)
                lines.append(line + rest.prefix(room))
                (rest, line) = (rest.dropFirst(room), pad)
            }
            line += rest
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }

    /// `lines` joined with newlines.
    static func fit(_ text: String, width: Int, indent: Int = 0) -> String {
        lines(text, width: width, indent: indent).joined(separator: "\n")
    }
}
