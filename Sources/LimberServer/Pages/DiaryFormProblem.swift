import Foundation
import LimberCore

/// Why the diary form was refused, worded for the page: one line under the heading and the same
/// words beside the field they concern, so the person sees it on the first screen and again where
/// they fix it. The rule itself stays in the core; this only maps its field to the form's input.
struct DiaryFormProblem {
    /// The input the error concerns, by its HTML `id`; nil when no single input is to blame.
    var fieldID: String?
    /// The field's name as its label says it, such as "How bad".
    var fieldName: String
    /// What is wrong and how to fix it, shown under the heading and beside the field.
    var message: String

    /// `now` and `timeZone` are the ones the entry was checked with, so a refused time is
    /// explained against the same clock.
    init(_ error: FieldError, notes: String?, relievedBy: String?, now: Date, timeZone: TimeZone) {
        let field = Self.formField(error.field)
        fieldID = field?.id
        fieldName = field?.name ?? "This entry"
        switch error.field {
        case "region" where !error.value.isEmpty:
            message = "Choose a place from the list."
        case "side":
            // Nothing is typed here; only a changed page can post another side.
            message = "Choose no side, left or right."
        case "trigger":
            message = "Tick only the choices shown."
        case "notes", "relievedBy":
            let typed = ((error.field == "notes" ? notes : relievedBy) ?? "").trimmingCharacters(
                in: .whitespacesAndNewlines)
            message =
                "This is \(typed.unicodeScalars.count) characters long; keep it to \(DiaryRules.maxTextLength) characters."
        case "at" where Self.outOfRange(error.value, now: now, timeZone: timeZone) != nil:
            message = Self.outOfRange(error.value, now: now, timeZone: timeZone) ?? ""
        default:
            message =
                error.value.isEmpty
                ? Self.sentence(error.accepted) : "You typed “\(error.value)”. " + Self.sentence(error.accepted)
        }
    }

    /// The core's field names are the API's; the form names some of them differently.
    static func formField(_ name: String) -> (id: String, name: String)? {
        switch name {
        case "region": ("region", "Where")
        case "side": ("side", "Side")
        case "severity": ("severity", "How bad")
        case "duration": ("duration", "How long it lasted")
        case "at", "occurredAt": ("at", "When it started")
        case "trigger": ("triggers", "What may have brought it on")
        case "relievedBy": ("relievedBy", "What eased it")
        case "notes": ("notes", "Notes")
        default: nil
        }
    }

    /// A time the date picker gave that the diary cannot take, said in dates a person reads,
    /// without the picker's "T" or the clock allowance a phone user has no use for. Nil when the
    /// text is not a readable date (the core's own message then says which part is wrong).
    static func outOfRange(_ text: String, now: Date, timeZone: TimeZone) -> String? {
        guard let date = try? DiaryRules.parseDate(text, field: "at", timeZone: timeZone) else { return nil }
        let range = DiaryRules.acceptedDates(now: now)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMM yyyy, HH:mm"
        let given = formatter.string(from: date)
        if date > range.upperBound {
            return
                "\(given) has not happened yet. Give the time it started, up to now (\(formatter.string(from: now)))."
        }
        if date < range.lowerBound {
            formatter.dateFormat = "d MMM yyyy"
            return "\(given) is too long ago. Give a time from \(formatter.string(from: range.lowerBound)) to now."
        }
        return nil
    }

    private static func sentence(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst() + "."
    }
}

/// For each input of the diary form, the problem to show beside it, if it is the one refused.
/// Stored optionals, so a template shows `{{#severity}}...{{/severity}}` only for the refused one.
struct DiaryFieldProblems {
    var region: DiaryFormProblem?
    var side: DiaryFormProblem?
    var severity: DiaryFormProblem?
    var duration: DiaryFormProblem?
    var at: DiaryFormProblem?
    var triggers: DiaryFormProblem?
    var relievedBy: DiaryFormProblem?
    var notes: DiaryFormProblem?

    init(_ problem: DiaryFormProblem?) {
        guard let problem else { return }
        switch problem.fieldID {
        case "region": region = problem
        case "side": side = problem
        case "severity": severity = problem
        case "duration": duration = problem
        case "at": at = problem
        case "triggers": triggers = problem
        case "relievedBy": relievedBy = problem
        case "notes": notes = problem
        default: break
        }
    }
}
