import Foundation
import Hummingbird
import LimberCore

/// The diary page: log a cramp (same fields and rules as `limber log`), the list, and charts.
struct DiaryPages {
    let services: APIServices
    let pages: PageRenderer

    /// The form as posted; every field is text so the shared rules can name what is wrong.
    struct DiaryForm: Decodable {
        var region: String?
        var side: String?
        var severity: String?
        var duration: String?
        var at: String?
        var triggers: [String]?
        var woke: String?
        var relievedBy: String?
        var notes: String?

        var draft: EpisodeDraft {
            EpisodeDraft(
                regions: [region ?? ""], side: side, severity: severity, duration: duration, at: at,
                triggers: triggers ?? [], wokeFromSleep: woke == "on", relievedBy: relievedBy, notes: notes)
        }
    }

    /// The delete form as posted: `confirm=yes` from the question page, nothing from the diary.
    struct DeleteAnswer: Decodable {
        var confirm: String?
    }

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("diary") { request, _ in
            try await diary(
                form: nil, error: nil, saved: request.uri.queryParameters["saved"] != nil,
                deleted: request.uri.queryParameters["deleted"] != nil)
        }
        router.post("diary") { request, context in
            let form = try await FormBody.decode(DiaryForm.self, from: request, context: context)
            do {
                let episode = try form.draft.makeEpisode(
                    id: UUID(), now: Date(), timeZone: .current, catalog: services.catalog)
                _ = try await services.store.addEpisode(episode, profile: services.profile)
            } catch let error as FieldError {
                return try await diary(form: form, error: error, saved: false, deleted: false, status: .badRequest)
            }
            return PageRenderer.redirect(to: "/diary?saved=1")
        }
        router.get("diary/{id}/edit") { _, context in
            let episode = try await existing(context)
            return editPage(episode: episode, form: nil, error: nil)
        }
        router.post("diary/{id}/edit") { request, context in
            let episode = try await existing(context)
            let form = try await FormBody.decode(DiaryForm.self, from: request, context: context)
            do {
                let changed = try form.draft.makeEpisode(
                    id: episode.id, now: Date(), timeZone: .current, catalog: services.catalog,
                    keeping: episode.occurredAt)
                _ = try await services.store.updateEpisode(changed, profile: services.profile)
            } catch let error as FieldError {
                return editPage(episode: episode, form: form, error: error, status: .badRequest)
            }
            return PageRenderer.redirect(to: "/diary?saved=1")
        }
        // Deleting asks first: the diary's button only brings up the question, and only the
        // question's own button (which posts `confirm=yes`) deletes. Nothing is deleted by one tap.
        router.post("diary/{id}/delete") { request, context in
            let answer = try await FormBody.decode(DeleteAnswer.self, from: request, context: context)
            guard answer.confirm == "yes" else { return deletePage(episode: try await existing(context)) }
            // A second tap on a slow phone posts again after the first has deleted; the browser
            // shows the last answer, so it is the diary saying "Deleted.", not a "not found" page.
            let id = try existingID(context)
            _ = try await services.store.deleteEpisode(id: id, profile: services.profile)
            return PageRenderer.redirect(to: "/diary?deleted=1")
        }
    }

    // MARK: - Pages

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct FormValues {
        var regions: [Option]
        var sides: [Option]
        var triggers: [Option]
        var severity: String
        var duration: String
        var at: String
        var woke: Bool
        var relievedBy: String
        var notes: String
        /// Why the last post was refused, for the line under the heading; nil when nothing was.
        var problem: DiaryFormProblem?
        /// The same problem again, under the one field it concerns.
        var problems: DiaryFieldProblems
    }

    func formValues(_ form: DiaryForm?, episode: Episode?, error: FieldError?) -> FormValues {
        let region = form?.region ?? episode?.regions.first ?? ""
        let side = form?.side ?? episode?.side?.rawValue ?? ""
        let triggers = form?.triggers ?? episode?.triggers.map(\.rawValue) ?? []
        let problem = error.map {
            DiaryFormProblem($0, notes: form?.notes, relievedBy: form?.relievedBy, now: Date(), timeZone: .current)
        }
        return FormValues(
            regions: [Option(value: "", label: "Choose…", selected: region.isEmpty)]
                + services.catalog.regions.map { Option(value: $0.id, label: $0.name, selected: $0.id == region) },
            sides: [("", "No side"), ("left", "Left"), ("right", "Right")].map {
                Option(value: $0.0, label: $0.1, selected: $0.0 == side)
            },
            triggers: Trigger.allCases.map {
                Option(
                    value: $0.rawValue, label: Self.label($0), selected: triggers.contains($0.rawValue))
            },
            severity: form?.severity ?? episode.map { String($0.severity) } ?? "",
            duration: form?.duration ?? episode.map { "\($0.durationSeconds)s" } ?? "",
            at: form?.at ?? episode.map { localInput($0.occurredAt) } ?? "",
            woke: form.map { $0.woke == "on" } ?? episode?.wokeFromSleep ?? false,
            relievedBy: form?.relievedBy ?? episode?.relievedBy ?? "", notes: form?.notes ?? episode?.notes ?? "",
            problem: problem, problems: DiaryFieldProblems(problem))
    }

    /// One cramp as the diary lists it and the delete question names it.
    struct EpisodeLine {
        var id: String
        var when: String
        var place: String
        var severity: Int
        var duration: String
        /// Nil, not empty, when there is nothing to say: Mustache shows a section for any string,
        /// even an empty one, and an empty "Eased by:" reads as if something was lost.
        var details: String?
        var relievedBy: String?
        var notes: String?
    }

    func line(_ e: Episode) -> EpisodeLine {
        EpisodeLine(
            id: e.id.uuidString.lowercased(), when: display(e.occurredAt),
            place: ([e.side?.rawValue].compactMap { $0 }
                + e.regions.compactMap { services.catalog.region($0)?.name })
                .joined(separator: " "),
            severity: e.severity, duration: formatDuration(e.durationSeconds),
            details: ((e.wokeFromSleep ? ["woke you"] : []) + e.triggers.map(\.rawValue)).joined(separator: ", ")
                .nilWhenEmpty,
            relievedBy: e.relievedBy?.nilWhenEmpty, notes: e.notes?.nilWhenEmpty)
    }

    func diary(
        form: DiaryForm?, error: FieldError?, saved: Bool, deleted: Bool, status: HTTPResponse.Status = .ok
    ) async throws
        -> Response
    {
        struct SessionLine {
            var when: String
            var name: String
            var result: String
        }
        struct Context {
            var title = "Diary"
            var form: FormValues
            var saved: Bool
            var deleted: Bool
            var episodes: [EpisodeLine]
            var sessions: [SessionLine]
            var episodesChart: String
            var severityChart: String
            var sessionsChart: String
            var nextSteps: NextSteps
            var review: ReviewNotes
            var adherence: AdherenceSummary?
        }
        let episodes = try await services.store.episodes(profile: services.profile, since: nil, region: nil)
        let sessions = try await services.store.sessions(profile: services.profile, since: nil)
        let charts = DiaryCharts(episodes: episodes, sessions: sessions, now: Date(), timeZone: .current)
        let lines = episodes.map(line)
        let sessionLines = sessions.map { s in
            SessionLine(
                when: display(s.startedAt), name: s.routineName,
                result: ([s.stepsDescription] + [s.painDescription].compactMap { $0 }).joined(separator: ", "))
        }
        return pages.page(
            "diary",
            Context(
                form: formValues(form, episode: nil, error: error), saved: saved, deleted: deleted, episodes: lines,
                sessions: sessionLines, episodesChart: charts.episodesPerWeek, severityChart: charts.meanSeverity,
                sessionsChart: charts.sessionsPerWeek, nextSteps: try await NextSteps.load(services),
                review: ReviewNotes(episodes: episodes, now: Date(), timeZone: .current),
                adherence: try await AdherenceSummary.load(
                    services, sessions: sessions, now: Date(), timeZone: .current)),
            status: status)
    }

    func editPage(
        episode: Episode, form: DiaryForm?, error: FieldError?, status: HTTPResponse.Status = .ok
    )
        -> Response
    {
        struct Context {
            var title = "Change a diary entry"
            var id: String
            var form: FormValues
        }
        return pages.page(
            "diary-edit",
            Context(id: episode.id.uuidString.lowercased(), form: formValues(form, episode: episode, error: error)),
            status: status)
    }

    /// The question before a cramp is deleted, naming it so the person knows which one.
    func deletePage(episode: Episode) -> Response {
        struct Context {
            var title = "Delete this cramp?"
            var episode: EpisodeLine
        }
        return pages.page("diary-delete", Context(episode: line(episode)))
    }

    private func existing(_ context: LimberRequestContext) async throws -> Episode {
        guard let episode = try await services.store.episode(id: try existingID(context), profile: services.profile)
        else { throw Problem.notFound("That diary entry") }
        return episode
    }

    /// The entry's id from the address; one that is not an id is an entry that was never there.
    private func existingID(_ context: LimberRequestContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else {
            throw Problem.notFound("That diary entry")
        }
        return id
    }

    /// How a trigger reads in the form; walking says what makes it worth a doctor's visit.
    static func label(_ trigger: Trigger) -> String {
        switch trigger {
        case .walking: "while walking (eases at rest)"
        default: trigger.rawValue.replacingOccurrences(of: "-", with: " ")
        }
    }

    private func display(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = .current
        formatter.dateFormat = "EEE d MMM yyyy, HH:mm"
        return formatter.string(from: date)
    }

    /// The value a `datetime-local` input shows.
    private func localInput(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }
}

/// The diary's three charts over the last 12 weeks.
struct DiaryCharts {
    let episodesPerWeek: String
    let meanSeverity: String
    let sessionsPerWeek: String

    static let weeks = 12

    init(episodes: [Episode], sessions: [SessionRecord], now: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let thisWeek = calendar.dateInterval(of: .weekOfYear, for: now)?.start ?? now
        let first = calendar.date(byAdding: .weekOfYear, value: -(Self.weeks - 1), to: thisWeek) ?? thisWeek
        let weeks = DiarySummary.weeks(
            episodes: episodes, sessions: sessions, calendar: calendar, from: first, through: now)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMM"
        let counts = weeks.map { (formatter.string(from: $0.weekStart), $0.episodes, $0.meanSeverity, $0.sessions) }
        episodesPerWeek = BarChart(
            title: "Cramps per week, last 12 weeks", bars: counts.map { .init(label: $0.0, value: Double($0.1)) },
            maximum: 4
        ).svg()
        meanSeverity = BarChart(
            title: "Mean severity per week (0 to 10)", bars: counts.map { .init(label: $0.0, value: $0.2) },
            maximum: 10, valueFormat: { String(format: "%.1f", $0) }
        ).svg()
        sessionsPerWeek = BarChart(
            title: "Sessions per week", bars: counts.map { .init(label: $0.0, value: Double($0.3)) }, maximum: 4
        ).svg()
    }
}

extension String {
    fileprivate var nilWhenEmpty: String? { isEmpty ? nil : self }
}
