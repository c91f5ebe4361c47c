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

    /// One request's diary: whose it is, the moment it is asked at, and the zone its dates are
    /// read and shown in (the person's own), so a cramp typed as 23:10 is 23:10 where they live.
    struct Moment {
        let me: PersonServices
        let now: Date
        let timeZone: TimeZone
    }

    func moment(_ context: LimberRequestContext) async throws -> Moment {
        let me = try services.person(context)
        return Moment(me: me, now: services.clock.now(), timeZone: try await me.timeZone())
    }

    func addRoutes(to router: Router<LimberRequestContext>) {
        router.get("diary") { request, context in
            let moment = try await moment(context)
            let query = request.uri.queryParameters
            return try await diary(
                moment, month: try month(query["month"].map(String.init), moment), form: nil, error: nil,
                saved: query["saved"] != nil, deleted: query["deleted"] != nil)
        }
        router.post("diary") { request, context in
            let moment = try await moment(context)
            let form = try await FormBody.decode(DiaryForm.self, from: request, context: context)
            let episode: Episode
            do {
                episode = try form.draft.makeEpisode(
                    id: UUID(), now: moment.now, timeZone: moment.timeZone, catalog: services.catalog)
                _ = try await services.store.addEpisode(episode, profile: moment.me.profile)
            } catch let error as FieldError {
                return try await diary(
                    moment, month: try month(nil, moment), form: form, error: error, saved: false, deleted: false,
                    status: .badRequest)
            }
            return PageRenderer.redirect(to: savedAddress(episode, moment))
        }
        router.get("diary/{id}/edit") { _, context in
            let moment = try await moment(context)
            return editPage(moment, episode: try await existing(context, moment), form: nil, error: nil)
        }
        router.post("diary/{id}/edit") { request, context in
            let moment = try await moment(context)
            let episode = try await existing(context, moment)
            let form = try await FormBody.decode(DiaryForm.self, from: request, context: context)
            let changed: Episode
            do {
                changed = try form.draft.makeEpisode(
                    id: episode.id, now: moment.now, timeZone: moment.timeZone, catalog: services.catalog,
                    keeping: episode.occurredAt)
                _ = try await services.store.updateEpisode(changed, profile: moment.me.profile)
            } catch let error as FieldError {
                return editPage(moment, episode: episode, form: form, error: error, status: .badRequest)
            }
            return PageRenderer.redirect(to: savedAddress(changed, moment))
        }
        // Deleting asks first: the diary's button only brings up the question, and only the
        // question's own button (which posts `confirm=yes`) deletes. Nothing is deleted by one tap.
        router.post("diary/{id}/delete") { request, context in
            let moment = try await moment(context)
            let answer = try await FormBody.decode(DeleteAnswer.self, from: request, context: context)
            guard answer.confirm == "yes" else {
                return deletePage(moment, episode: try await existing(context, moment))
            }
            // A second tap on a slow phone posts again after the first has deleted; the browser
            // shows the last answer, so it is the diary saying "Deleted.", not a "not found" page.
            _ = try await services.store.deleteEpisode(id: try existingID(context), profile: moment.me.profile)
            return PageRenderer.redirect(to: "/diary?deleted=1")
        }
    }

    /// The month the address names, or the current one; a month that cannot be read is a 400
    /// naming it, like any other field.
    func month(_ text: String?, _ moment: Moment) throws -> DiaryMonth {
        let calendar = Self.calendar(moment.timeZone)
        guard let text else { return DiaryMonth(containing: moment.now, calendar: calendar) }
        do {
            return try DiaryMonth(parsing: text, calendar: calendar)
        } catch {
            throw Problem(error)
        }
    }

    /// After a save: the month the entry is in, so a cramp logged for last month is in view.
    func savedAddress(_ episode: Episode, _ moment: Moment) -> String {
        let month = DiaryMonth(containing: episode.occurredAt, calendar: Self.calendar(moment.timeZone))
        return "/diary?month=\(month.key)&saved=1#entry-\(episode.id.uuidString.lowercased())"
    }

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// A link to another month of the diary.
    struct MonthLink {
        var href: String
        var title: String
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

    func formValues(_ moment: Moment, form: DiaryForm?, episode: Episode?, error: FieldError?) -> FormValues {
        let region = form?.region ?? episode?.regions.first ?? ""
        let side = form?.side ?? episode?.side?.rawValue ?? ""
        let triggers = form?.triggers ?? episode?.triggers.map(\.rawValue) ?? []
        let problem = error.map {
            DiaryFormProblem(
                $0, notes: form?.notes, relievedBy: form?.relievedBy, now: moment.now, timeZone: moment.timeZone)
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
            at: form?.at ?? episode.map { localInput($0.occurredAt, in: moment.timeZone) } ?? "",
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

    func line(_ e: Episode, in timeZone: TimeZone) -> EpisodeLine {
        EpisodeLine(
            id: e.id.uuidString.lowercased(), when: display(e.occurredAt, in: timeZone),
            place: ([e.side?.rawValue].compactMap { $0 }
                + e.regions.compactMap { services.catalog.region($0)?.name })
                .joined(separator: " "),
            severity: e.severity, duration: formatDuration(e.durationSeconds),
            details: ((e.wokeFromSleep ? ["woke you"] : []) + e.triggers.map(\.rawValue)).joined(separator: ", ")
                .nilWhenEmpty,
            relievedBy: e.relievedBy?.nilWhenEmpty, notes: e.notes?.nilWhenEmpty)
    }

    /// The whole diary page: the form (with why a post was refused), the cramps and sessions,
    /// the charts, the review notes, adherence and next steps.
    func diary(
        _ moment: Moment, month: DiaryMonth, form: DiaryForm?, error: FieldError?, saved: Bool, deleted: Bool,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        struct Context {
            var title = "Diary"
            var form: FormValues
            var saved: Bool
            var deleted: Bool
            var monthTitle: String
            var monthSummary: String
            var older: MonthLink?
            var newer: MonthLink?
            var hasMonthLinks: Bool
            /// Nothing logged in any month: the page says so rather than naming this month.
            var isEmptyDiary: Bool
            var episodes: [EpisodeLine]
            var sessions: [SessionLine]
            var episodesChart: String
            var severityChart: String
            var sessionsChart: String
            var nextSteps: NextSteps
            var review: ReviewNotes
            var adherence: AdherenceSummary?
        }
        let me = moment.me
        // The review reads the whole diary (a long cramp a year ago still counts); the lists show
        // one month, which is what keeps the page short however long the diary grows.
        let episodes = try await services.store.episodes(profile: me.profile, since: nil, region: nil)
        let sessions = try await services.store.sessions(profile: me.profile, since: nil)
        let charts = DiaryCharts(episodes: episodes, sessions: sessions, now: moment.now, timeZone: moment.timeZone)
        let calendar = Self.calendar(moment.timeZone)
        let shownEpisodes = episodes.filter { month.contains($0.occurredAt) }
        let shownSessions = sessions.filter { month.contains($0.startedAt) }
        let around = month.neighbours(
            among: episodes.map(\.occurredAt) + sessions.map(\.startedAt), now: moment.now, calendar: calendar)
        func link(_ other: DiaryMonth?) -> MonthLink? {
            other.map { MonthLink(href: "/diary?month=\($0.key)", title: $0.title(calendar: calendar)) }
        }
        return pages.page(
            "diary",
            Context(
                form: formValues(moment, form: form, episode: nil, error: error), saved: saved, deleted: deleted,
                monthTitle: month.title(calendar: calendar),
                monthSummary: "\(count(shownEpisodes.count, "cramp")), \(count(shownSessions.count, "session"))",
                older: link(around.older), newer: link(around.newer),
                hasMonthLinks: around.older != nil || around.newer != nil, isEmptyDiary: episodes.isEmpty,
                episodes: shownEpisodes.map { line($0, in: moment.timeZone) },
                sessions: shownSessions.map { sessionLine($0, in: moment.timeZone) },
                episodesChart: charts.episodesPerWeek, severityChart: charts.meanSeverity,
                sessionsChart: charts.sessionsPerWeek, nextSteps: try await NextSteps.load(for: me, sessions: sessions),
                review: ReviewNotes(episodes: episodes, now: moment.now, timeZone: moment.timeZone),
                adherence: try await AdherenceSummary.load(
                    for: me, sessions: sessions, now: moment.now, timeZone: moment.timeZone)),
            status: status)
    }

    private func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// One session as the diary lists it: "5 of 8 steps, 2 skipped, pain 6 → 3".
    struct SessionLine {
        var when: String
        var name: String
        var result: String
    }

    func sessionLine(_ s: SessionRecord, in timeZone: TimeZone) -> SessionLine {
        SessionLine(
            when: display(s.startedAt, in: timeZone), name: s.routineName,
            result: ([s.stepsDescription] + [s.painDescription].compactMap { $0 }).joined(separator: ", "))
    }

    func editPage(
        _ moment: Moment, episode: Episode, form: DiaryForm?, error: FieldError?, status: HTTPResponse.Status = .ok
    ) -> Response {
        struct Context {
            var title = "Change a diary entry"
            var id: String
            var form: FormValues
        }
        return pages.page(
            "diary-edit",
            Context(
                id: episode.id.uuidString.lowercased(),
                form: formValues(moment, form: form, episode: episode, error: error)),
            status: status)
    }

    /// The question before a cramp is deleted, naming it so the person knows which one.
    func deletePage(_ moment: Moment, episode: Episode) -> Response {
        struct Context {
            var title = "Delete this cramp?"
            var episode: EpisodeLine
        }
        return pages.page("diary-delete", Context(episode: line(episode, in: moment.timeZone)))
    }

    private func existing(_ context: LimberRequestContext, _ moment: Moment) async throws -> Episode {
        guard let episode = try await services.store.episode(id: try existingID(context), profile: moment.me.profile)
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

    private func display(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE d MMM yyyy, HH:mm"
        return formatter.string(from: date)
    }

    /// The value a `datetime-local` input shows.
    private func localInput(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }
}

extension String {
    fileprivate var nilWhenEmpty: String? { isEmpty ? nil : self }
}
