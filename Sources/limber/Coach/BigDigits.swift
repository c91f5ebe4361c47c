/// Digits five rows tall, so the countdown can be read from across a room.
enum BigDigits {
    private static let font: [Character: [String]] = [
        "0": ["█████", "█   █", "█   █", "█   █", "█████"],
        "1": ["  █  ", " ██  ", "  █  ", "  █  ", " ███ "],
        "2": ["█████", "    █", "█████", "█    ", "█████"],
        "3": ["█████", "    █", " ████", "    █", "█████"],
        "4": ["█   █", "█   █", "█████", "    █", "    █"],
        "5": ["█████", "█    ", "█████", "    █", "█████"],
        "6": ["█████", "█    ", "█████", "█   █", "█████"],
        "7": ["█████", "    █", "   █ ", "  █  ", "  █  "],
        "8": ["█████", "█   █", "█████", "█   █", "█████"],
        "9": ["█████", "█   █", "█████", "    █", "█████"],
        ":": ["   ", " █ ", "   ", " █ ", "   "],
    ]

    /// The text drawn as five lines; characters without a glyph are left out.
    static func render(_ text: String) -> [String] {
        (0..<5).map { row in
            text.compactMap { font[$0]?[row] }.joined(separator: " ")
        }
    }
}
