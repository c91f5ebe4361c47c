import Foundation
import LimberCore

/// The diary review as lines a person reads in a terminal: each finding with its level in
/// capitals, what to do and where the advice comes from.
enum ReviewText {
    static let notADiagnosis = "This is not a diagnosis."
    static let nothingFound = "Nothing in your diary needs a doctor's attention right now. \(notADiagnosis)"

    static func level(_ level: AdviceLevel) -> String {
        switch level {
        case .urgent: "URGENT"
        case .seeDoctor: "SEE A DOCTOR"
        case .selfCare: "SELF-CARE"
        }
    }

    /// Every finding, then the reminder that the review is not a diagnosis; or the one line saying
    /// nothing was found.
    static func render(_ findings: [ReviewFinding]) -> String {
        guard !findings.isEmpty else { return nothingFound }
        var lines: [String] = []
        for finding in findings {
            lines.append("\(level(finding.level))  \(finding.title)")
            lines.append("  \(finding.message)")
            if let note = finding.projectDefaultNote { lines.append("  \(note)") }
            lines.append("  Sources: \(finding.sources.map(\.citation).joined(separator: "; "))")
            lines.append("")
        }
        lines.append(notADiagnosis)
        return lines.joined(separator: "\n")
    }
}
