/// Breaks text into lines at spaces, so no word is cut at the edge of a narrow terminal; only a
/// word longer than a whole line is split, because it could not be shown otherwise. Spaces
/// inside a line are kept as they were (the two after a timestamp line up the log).
enum WordWrap {
    /// - Parameter indent: put before every line after the first, so a wrapped entry still shows
    ///   where it starts; left out when it would leave too little room.
    static func lines(_ text: String, width: Int, continuationIndent indent: String = "") -> [String] {
        let width = max(1, width)
        let indent = width - indent.count >= 10 ? indent : ""
        var lines: [String] = []
        var line = ""
        var room: Int { lines.isEmpty ? width : width - indent.count }
        func finish() {
            lines.append(lines.isEmpty ? line : indent + line)
            line = ""
        }
        for (gap, piece) in words(text) {
            if !line.isEmpty && line.count + gap.count + piece.count <= room {
                line += gap + piece
                continue
            }
            if !line.isEmpty { finish() }
            // The text's own indent stays on its first line, when there is room for it.
            let lead = lines.isEmpty && gap.count + piece.count <= room ? String(gap) : ""
            var word = piece
            while word.count > room {
                line = String(word.prefix(room))
                word = word.dropFirst(line.count)
                finish()
            }
            line = lead + String(word)
        }
        if !line.isEmpty || lines.isEmpty { finish() }
        return lines
    }

    /// Each word with the spaces before it.
    private static func words(_ text: String) -> [(gap: Substring, word: Substring)] {
        var result: [(Substring, Substring)] = []
        var index = text.startIndex
        while let start = text[index...].firstIndex(where: { $0 != " " }) {
            let end = text[start...].firstIndex(of: " ") ?? text.endIndex
            result.append((text[index..<start], text[start..<end]))
            index = end
        }
        return result
    }
}
