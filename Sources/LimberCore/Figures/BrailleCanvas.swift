/// A grid of dots printed with Unicode braille: each character cell holds 2 by 4 dots, so a
/// terminal can draw a figure at eight times its character resolution.
public struct BrailleCanvas: Sendable {
    public let columns: Int
    public let rows: Int
    private var dots: [Bool]

    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    public init(columns: Int, rows: Int) {
        self.columns = max(columns, 1)
        self.rows = max(rows, 1)
        dots = Array(repeating: false, count: self.columns * 2 * self.rows * 4)
    }

    public mutating func set(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        dots[y * dotWidth + x] = true
    }

    public func isSet(_ x: Int, _ y: Int) -> Bool {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
        return dots[y * dotWidth + x]
    }

    /// A segment with rounded ends, `width` dots thick (at least one dot).
    public mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, width: Double) {
        let r = max(width / 2, 0.5)
        let minX = Int((min(x0, x1) - r).rounded(.down))
        let maxX = Int((max(x0, x1) + r).rounded(.up))
        let minY = Int((min(y0, y1) - r).rounded(.down))
        let maxY = Int((max(y0, y1) + r).rounded(.up))
        guard minX <= maxX, minY <= maxY else { return }
        let dx = x1 - x0
        let dy = y1 - y0
        let length = dx * dx + dy * dy
        for y in minY...maxY {
            for x in minX...maxX {
                // Test the dot's centre against the segment.
                let px = Double(x) + 0.5
                let py = Double(y) + 0.5
                let t = length == 0 ? 0 : max(0, min(1, ((px - x0) * dx + (py - y0) * dy) / length))
                let ex = px - (x0 + t * dx)
                let ey = py - (y0 + t * dy)
                if ex * ex + ey * ey <= r * r { set(x, y) }
            }
        }
    }

    /// A filled disc.
    public mutating func disc(_ cx: Double, _ cy: Double, radius: Double) {
        line(cx, cy, cx, cy, width: radius * 2)
    }

    /// The canvas as lines of braille characters, trailing blank cells trimmed.
    public func lines() -> [String] {
        // Bit for each dot of a cell, by (column, row), as Unicode numbers braille dots 1 to 8.
        let bits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        var result: [String] = []
        for row in 0..<rows {
            var scalars: [Unicode.Scalar] = []
            for column in 0..<columns {
                var value: UInt32 = 0
                for dx in 0..<2 {
                    for dy in 0..<4 where isSet(column * 2 + dx, row * 4 + dy) { value |= bits[dx][dy] }
                }
                scalars.append(Unicode.Scalar(0x2800 + value)!)
            }
            while scalars.last == Unicode.Scalar(0x2800) { scalars.removeLast() }
            var line = ""
            line.unicodeScalars.append(contentsOf: scalars)
            result.append(line)
        }
        return result
    }
}
