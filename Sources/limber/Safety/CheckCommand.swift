import ArgumentParser
import Foundation
import LimberCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check for warning signs that make a spasm a doctor's business rather than a stretch's.",
        discussion: """
            In a terminal it asks the questions a screen at a time; Enter means none of that screen's signs \
            apply. Elsewhere, answer with --answer, and add --none-apply to say no to the rest. Exit code 0 \
            means stretching may go on; 3 means a warning sign needs urgent help now; 4 means questions were \
            left unanswered, so the check has not passed.
            """)

    @Option(name: .customLong("region"), help: "Only the questions for these regions (and the general ones).")
    var regions: [String] = []

    @Option(name: .customLong("answer"), help: "An answer such as cramp-over-10-minutes=no. Repeatable.")
    var answers: [String] = []

    @Flag(help: "None of the warning signs apply: every question not answered with --answer is a no.")
    var noneApply = false

    @Flag(help: "Print the verdict as JSON.")
    var json = false

    func run() throws {
        let content = try SafetyChecklist.content()
        // A misspelt region would quietly ask only the general questions, so it is refused instead.
        let catalog = try CatalogLoader.load()
        for region in regions where catalog.region(region) == nil {
            throw UserError(PlanningError.unsupportedRegion(region, supported: catalog.coveredRegions.map(\.id)))
        }
        var given = try SafetyChecklist.parseAnswers(answers, content: content)
        if given.isEmpty && !noneApply && isatty(STDIN_FILENO) == 1 && !json {
            let size = RawTerminal.shared.size
            given = SafetyChecklist.ask(content.flags(for: regions), columns: size.columns, rows: size.rows)
        }
        let verdict = SafetyCheck.evaluate(given, content: content, regions: regions, noneApply: noneApply)
        if json {
            try printJSON(verdict)
        } else {
            SafetyChecklist.show(verdict)
        }
        try SafetyChecklist.exitUnlessStartable(verdict)
    }
}

struct SafetyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safety", abstract: "List every warning sign Limber checks for, with its sources.")

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let content = try SafetyChecklist.content()
        if json { return try printJSON(content) }
        print(content.disclaimer)
        for (level, heading) in [
            (AdviceLevel.urgent, "Get urgent help now if:"), (.seeDoctor, "See a doctor soon if:"),
        ] {
            print("")
            print(heading)
            for flag in content.redFlags where flag.level == level {
                print("  - \(flag.question)")
                print("    \(flag.message)")
                print("    Source: \(flag.sources.map(\.citation).joined(separator: "; ")) [\(flag.id)]")
            }
        }
        if !content.regionAdvice.isEmpty {
            print("")
            print("Worth knowing for some places:")
            for advice in content.regionAdvice {
                print("  - \(advice.regions.joined(separator: ", ")): \(advice.message)")
                print("    Source: \(advice.sources.map(\.citation).joined(separator: "; ")) [\(advice.id)]")
            }
        }
        print("")
        print("During a cramp:")
        for tip in content.selfCare { print("  - \(tip.text)") }
    }
}
