import Foundation

/// What a person's own routine must be before it is saved; the server and the web app's API ask it.
///
/// The dose ranges are the catalog's own (`DoseLimits`, through `CatalogValidator`), so a custom
/// routine can never hold a dose that a built-in routine would be refused for. Ids come from the
/// caller (the server makes them), which keeps this check free of randomness.
public enum CustomRoutineRules {
    /// Characters in the name as sent, counted in Unicode code points; a blank name counts as none.
    public static let nameLength = 1...80
    /// Exercises in one routine: enough for a long session, few enough to follow.
    public static let itemCount = 1...20

    /// Throws the first problem, naming the field as a path such as `items[2].dose.holdSeconds`.
    public static func validate(_ routine: Routine, catalog: Catalog) throws(FieldError) {
        try checkID(routine.id, catalog: catalog)
        let trimmedName = routine.name.trimmingCharacters(in: .whitespacesAndNewlines)
        // Code points, as JSON Schema's maxLength counts them, so the document's limit is the rule.
        guard !trimmedName.isEmpty, nameLength.contains(routine.name.unicodeScalars.count) else {
            throw FieldError(
                field: "name", value: trimmedName.isEmpty ? "" : String(routine.name.prefix(20)) + "...",
                accepted: "give a name of \(nameLength.lowerBound) to \(nameLength.upperBound) characters")
        }
        // `purpose` is a `Goal`, so decoding has already refused anything but its cases.
        for (k, region) in routine.regions.enumerated() where catalog.region(region) == nil {
            throw FieldError(
                field: "regions[\(k)]", value: region,
                accepted: "use one of \(catalog.regions.map(\.id).joined(separator: ", "))")
        }
        guard itemCount.contains(routine.items.count) else {
            throw FieldError(
                field: "items", value: "\(routine.items.count) exercises",
                accepted: "choose \(itemCount.lowerBound) to \(itemCount.upperBound) exercises")
        }
        for (j, item) in routine.items.enumerated() {
            try checkItem(item, at: "items[\(j)]", catalog: catalog)
        }
    }

    private static func checkID(_ id: String, catalog: Catalog) throws(FieldError) {
        guard CatalogValidator.isValidID(id) else {
            throw FieldError(
                field: "id", value: id, accepted: "use kebab-case: lowercase letters, digits and single hyphens")
        }
        guard catalog.routine(id) == nil else {
            throw FieldError(
                field: "id", value: id, accepted: "choose an id that no built-in routine uses")
        }
    }

    private static func checkItem(_ item: Routine.Item, at path: String, catalog: Catalog) throws(FieldError) {
        guard let exercise = catalog.exercise(item.exerciseId) else {
            throw FieldError(
                field: "\(path).exerciseId", value: item.exerciseId, accepted: "choose an exercise from the catalog")
        }
        guard let dose = item.dose else { return }
        do throws(CatalogError) {
            try CatalogValidator.checkOverride(dose, at: "\(path).dose", file: "")
        } catch {
            throw fieldError(from: error, dose: dose, rule: .value)
        }
        // Whether a dose fits depends on which exercise the item names.
        do throws(CatalogError) {
            try CatalogValidator.checkOverrideFits(dose, exercise: exercise, at: "\(path).dose", file: "")
        } catch {
            throw fieldError(from: error, dose: dose, rule: .consistency)
        }
    }

    /// Restates a catalog error about a dose override as a field error: the catalog path becomes
    /// the field, and the value is read back from the override by the path's last name.
    private static func fieldError(from error: CatalogError, dose: DoseOverride, rule: FieldError.Rule) -> FieldError {
        let name = error.path.split(separator: ".").last.map(String.init) ?? ""
        let value: String
        switch name {
        case "holdSeconds": value = dose.holdSeconds.map(String.init) ?? ""
        case "repetitions": value = dose.repetitions.map(String.init) ?? ""
        case "sets": value = dose.sets.map(String.init) ?? ""
        case "restSeconds": value = dose.restSeconds.map(String.init) ?? ""
        case "sides": value = (dose.sides ?? []).map(\.rawValue).joined(separator: ", ")
        default: value = ""
        }
        // The catalog's range message ends with the value ("must be 1...600, got 0"), which the
        // field error already shows on its own.
        var accepted = error.message
        if !value.isEmpty, accepted.hasSuffix(", got \(value)") {
            accepted.removeLast(", got \(value)".count)
        }
        return FieldError(field: error.path, value: value, accepted: accepted, rule: rule)
    }
}
