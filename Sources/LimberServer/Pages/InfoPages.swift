import Hummingbird
import LimberCore

/// The safety page (when a spasm is a doctor's business, with sources) and the export page.
struct InfoPages {
    let services: APIServices
    let pages: PageRenderer
    let safety: SafetyContent

    func addRoutes(to router: Router<LimberRequestContext>) {
        // The same for everyone but for the name in the layout: rendered once per person.
        router.get("safety") { request, context in
            try await pages.kept(.safety, "safety", for: try services.person(context)) { _ in safetyPage(safety) }
                .response(to: request)
        }
        router.get("export") { _, _ in
            struct Context { var title = "Download your diary" }
            return pages.page("export", Context())
        }
    }

    func safetyPage(_ content: SafetyContent) -> some Any {
        struct Flag {
            var question: String
            var message: String
            var sources: String
        }
        struct Tip {
            var text: String
        }
        struct Advice {
            var regions: String
            var message: String
            var sources: String
        }
        struct Context {
            var title = "When to see a doctor"
            var urgent: [Flag]
            var seeDoctor: [Flag]
            var regionAdvice: [Advice]
            var selfCare: [Tip]
            var disclaimer: String
        }
        func flags(_ level: AdviceLevel) -> [Flag] {
            content.redFlags.filter { $0.level == level }.map {
                Flag(
                    question: $0.question, message: $0.message,
                    sources: $0.sources.map(\.citation).joined(separator: "; "))
            }
        }
        return Context(
            urgent: flags(.urgent), seeDoctor: flags(.seeDoctor),
            regionAdvice: content.regionAdvice.map {
                Advice(
                    regions: $0.regions.compactMap(services.catalog.region).map(\.name).joined(separator: ", "),
                    message: $0.message, sources: $0.sources.map(\.citation).joined(separator: "; "))
            },
            selfCare: content.selfCare.map { Tip(text: $0.text) },
            disclaimer: content.disclaimer)
    }
}
