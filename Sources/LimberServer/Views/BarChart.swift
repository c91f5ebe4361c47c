import Foundation
import LimberCore

/// A small SVG bar chart drawn on the server, so the diary needs no chart library and no script.
/// Only numbers and dates go into it, never text a person typed.
struct BarChart {
    struct Bar {
        var label: String
        var value: Double?
    }

    var title: String
    var bars: [Bar]
    /// The top of the scale; at least the largest value.
    var maximum: Double
    var valueFormat: (Double) -> String = { String(Int($0.rounded())) }

    func svg() -> String {
        let width = 640.0
        let height = 200.0
        let left = 32.0
        let bottom = 28.0
        let top = 12.0
        let plotHeight = height - bottom - top
        let scale = max(maximum, bars.compactMap(\.value).max() ?? 0, 1)
        let slot = (width - left) / Double(max(bars.count, 1))
        let description = bars.map { "\($0.label): \($0.value.map(valueFormat) ?? "none")" }.joined(separator: ", ")
        var parts = [
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title)). \(HTMLText.escape(description))\">",
            "<title>\(HTMLText.escape(title))</title>",
            "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(width)\" y2=\"\(top + plotHeight)\"/>",
            "<text class=\"axis-label\" x=\"\(left - 6)\" y=\"\(top + 10)\" text-anchor=\"end\">\(valueFormat(scale))</text>",
            "<text class=\"axis-label\" x=\"\(left - 6)\" y=\"\(top + plotHeight)\" text-anchor=\"end\">0</text>",
        ]
        for (index, bar) in bars.enumerated() {
            let x = left + Double(index) * slot + slot * 0.15
            if let value = bar.value, value > 0 {
                let h = plotHeight * value / scale
                parts.append(
                    "<rect class=\"bar\" x=\"\(fmt(x))\" y=\"\(fmt(top + plotHeight - h))\" width=\"\(fmt(slot * 0.7))\" height=\"\(fmt(h))\"><title>\(HTMLText.escape(bar.label)): \(valueFormat(value))</title></rect>"
                )
            }
            // Every other week's date, so labels never collide on a phone.
            if index % 2 == 0 || bars.count <= 6 {
                parts.append(
                    "<text class=\"axis-label\" x=\"\(fmt(x + slot * 0.35))\" y=\"\(Int(height - 8))\" text-anchor=\"middle\">\(HTMLText.escape(bar.label))</text>"
                )
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }

    private func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

}
