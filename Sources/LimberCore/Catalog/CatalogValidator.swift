/// Checks what JSON decoding cannot: ranges, ids, duplicates and references between parts.
/// It reports the first problem, with the path into the file that holds it.
struct CatalogValidator {
    /// Ids are stable kebab-case because they appear in URLs, the diary and the command line.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.first, first.isLowercase || first.isNumber, id.last != "-" else { return false }
        return id.allSatisfy { ($0.isLowercase && $0.isASCII) || ($0.isNumber && $0.isASCII) || $0 == "-" }
            && !id.contains("--")
    }

    /// Checks one file on its own: shapes, ranges and duplicate ids within it.
    static func checkFile(_ file: CatalogFile, name: String) throws(CatalogError) {
        func fail(_ path: String, _ message: String) -> CatalogError {
            CatalogError(file: name, path: path, message: message)
        }
        guard file.version == 1 else { throw fail("version", "must be 1, got \(file.version)") }

        try checkUniqueIDs(file.regions.map(\.id), section: "regions", file: name)
        try checkUniqueIDs(file.exercises.map(\.id), section: "exercises", file: name)
        try checkUniqueIDs(file.routines.map(\.id), section: "routines", file: name)

        for (i, region) in file.regions.enumerated() {
            try checkText(region.name, at: "regions[\(i)].name", file: name)
            try checkText(region.about, at: "regions[\(i)].about", file: name)
        }
        for (i, exercise) in file.exercises.enumerated() {
            try checkExercise(exercise, at: "exercises[\(i)]", file: name)
        }
        for (i, routine) in file.routines.enumerated() {
            let path = "routines[\(i)]"
            try checkText(routine.name, at: "\(path).name", file: name)
            try checkText(routine.summary, at: "\(path).summary", file: name)
            if routine.items.isEmpty { throw fail("\(path).items", "must list at least one exercise") }
            let sourced = Set(routine.sources.flatMap(\.doseFields))
            for (j, item) in routine.items.enumerated() {
                if let dose = item.dose {
                    try checkOverride(dose, at: "\(path).items[\(j)].dose", file: name)
                    for (field, key) in dose.statedNumbers where !sourced.contains(field) {
                        throw fail(
                            "\(path).items[\(j)].dose.\(key)",
                            "has no source; add \"\(field)\" to the doseFields of the routine source that gives it")
                    }
                }
            }
        }
    }

    /// Checks that every reference in the merged catalog points at something that exists.
    static func checkReferences(
        regions: [Region], exercises: [(Exercise, origin: (file: String, path: String))],
        routines: [(Routine, origin: (file: String, path: String))]
    ) throws(CatalogError) {
        let regionIDs = Set(regions.map(\.id))
        let known = regions.map(\.id).joined(separator: ", ")
        var exerciseByID: [String: Exercise] = [:]
        for (exercise, origin) in exercises {
            exerciseByID[exercise.id] = exercise
            let groups = [("primary", exercise.regions.primary), ("secondary", exercise.regions.secondary)]
            for (group, ids) in groups {
                for (k, id) in ids.enumerated() where !regionIDs.contains(id) {
                    throw CatalogError(
                        file: origin.file, path: "\(origin.path).regions.\(group)[\(k)]",
                        message: "unknown region \"\(id)\"; known regions: \(known)")
                }
            }
        }
        for (routine, origin) in routines {
            for (k, id) in routine.regions.enumerated() where !regionIDs.contains(id) {
                throw CatalogError(
                    file: origin.file, path: "\(origin.path).regions[\(k)]",
                    message: "unknown region \"\(id)\"; known regions: \(known)")
            }
            for (j, item) in routine.items.enumerated() {
                guard let exercise = exerciseByID[item.exerciseId] else {
                    throw CatalogError(
                        file: origin.file, path: "\(origin.path).items[\(j)].exerciseId",
                        message: "unknown exercise \"\(item.exerciseId)\"; add it to \"exercises\" or fix the id")
                }
                if let override = item.dose {
                    try checkOverrideFits(
                        override, exercise: exercise, at: "\(origin.path).items[\(j)].dose", file: origin.file)
                }
            }
        }
    }

    // MARK: - Parts

    private static func checkExercise(_ exercise: Exercise, at path: String, file: String) throws(CatalogError) {
        func fail(_ sub: String, _ message: String) -> CatalogError {
            CatalogError(file: file, path: "\(path).\(sub)", message: message)
        }
        try checkText(exercise.name, at: "\(path).name", file: file)
        try checkText(exercise.summary, at: "\(path).summary", file: file)
        try checkText(exercise.sensation, at: "\(path).sensation", file: file)
        try checkText(exercise.sideNoun, at: "\(path).sideNoun", file: file)
        if exercise.regions.primary.isEmpty { throw fail("regions.primary", "must name at least one region") }
        if exercise.steps.isEmpty { throw fail("steps", "must list at least one step") }
        for (k, step) in exercise.steps.enumerated() { try checkText(step, at: "\(path).steps[\(k)]", file: file) }
        for (k, cue) in exercise.cues.enumerated() { try checkText(cue, at: "\(path).cues[\(k)]", file: file) }
        if exercise.sources.isEmpty { throw fail("sources", "must cite at least one source") }
        for (k, source) in exercise.sources.enumerated() where source.kind == .reference {
            if (source.title ?? "").isEmpty && (source.publisher ?? "").isEmpty {
                throw fail("sources[\(k)]", "a reference needs a title or a publisher")
            }
        }
        for (k, caution) in exercise.cautions.enumerated() {
            try checkText(caution.text, at: "\(path).cautions[\(k)].text", file: file)
            if caution.action == .avoid && caution.conditions.isEmpty {
                throw fail(
                    "cautions[\(k)].action",
                    "\"avoid\" needs at least one condition; use \"take-care\" for a caution that applies to everyone")
            }
            try checkCautionSources(caution, exercise: exercise, at: "\(path).cautions[\(k)]", file: file)
        }
        for (k, field) in exercise.projectDefaults.enumerated() where !Exercise.doseFieldNames.contains(field) {
            throw fail(
                "projectDefaults[\(k)]",
                "must be one of \(Exercise.doseFieldNames.sorted().joined(separator: ", ")), got \"\(field)\"")
        }
        try checkDose(exercise.dose, at: "\(path).dose", file: file)
        try checkDoseSources(exercise, at: path, file: file)
        if let figure = exercise.figure {
            try FigureValidator.check(figure, exercise: exercise, at: "\(path).figure", file: file)
        }
    }

    /// A caution is a claim about someone's safety, so it names where it comes from, and that source is in
    /// the exercise's own list, which is the one a person sees.
    private static func checkCautionSources(
        _ caution: Caution, exercise: Exercise, at path: String, file: String
    ) throws(CatalogError) {
        if caution.sources.isEmpty {
            throw CatalogError(
                file: file, path: "\(path).sources",
                message: "must cite at least one source; add the source that gives this caution, or remove it")
        }
        for (k, source) in caution.sources.enumerated() {
            if source.kind == .reference && (source.title ?? "").isEmpty && (source.publisher ?? "").isEmpty {
                throw CatalogError(
                    file: file, path: "\(path).sources[\(k)]", message: "a reference needs a title or a publisher")
            }
            if !source.doseFields.isEmpty {
                throw CatalogError(
                    file: file, path: "\(path).sources[\(k)].doseFields",
                    message: "a caution's source backs no dose; name dose fields on the exercise's own sources")
            }
            if !exercise.sources.contains(where: { $0.citesSameWork(as: source) }) {
                throw CatalogError(
                    file: file, path: "\(path).sources[\(k)]",
                    message: "\"\(source.citation)\" is not in the exercise's sources; add it there too")
            }
        }
    }

    /// Every number in a dose comes from a source that gives it, or is listed as Limber's own choice.
    /// A field left at its empty value (one set, no rest, no setup, no switch) states no number.
    private static func checkDoseSources(_ exercise: Exercise, at path: String, file: String) throws(CatalogError) {
        var sourced: Set<String> = []
        for (k, source) in exercise.sources.enumerated() {
            for (m, field) in source.doseFields.enumerated() {
                guard Exercise.doseFieldNames.contains(field) else {
                    throw CatalogError(
                        file: file, path: "\(path).sources[\(k)].doseFields[\(m)]",
                        message:
                            "must be one of \(Exercise.doseFieldNames.sorted().joined(separator: ", ")), got \"\(field)\""
                    )
                }
                if exercise.projectDefaults.contains(field) {
                    throw CatalogError(
                        file: file, path: "\(path).sources[\(k)].doseFields[\(m)]",
                        message: "\"\(field)\" is also in projectDefaults; a number comes from a source or from "
                            + "Limber, not both: remove it from one of them")
                }
                sourced.insert(field)
            }
        }
        for (field, jsonPath, value) in exercise.dose.statedNumbers
        where !sourced.contains(field) && !exercise.projectDefaults.contains(field) {
            throw CatalogError(
                file: file, path: "\(path).dose.\(jsonPath)",
                message: "\(value) has no source; add \"\(field)\" to the doseFields of the source that gives it, "
                    + "or to projectDefaults if Limber chose it")
        }
    }

    private static func checkDose(_ dose: Dose, at path: String, file: String) throws(CatalogError) {
        switch dose.work {
        case .hold(let seconds):
            try checkRange(seconds, DoseLimits.holdSeconds, at: "\(path).hold.seconds", file: file)
        case .repetitions(let count, let phases):
            try checkRange(count, DoseLimits.repetitions, at: "\(path).repeat.count", file: file)
            if phases.isEmpty {
                throw CatalogError(file: file, path: "\(path).repeat.phases", message: "must list at least one phase")
            }
            for (k, phase) in phases.enumerated() {
                try checkText(phase.name, at: "\(path).repeat.phases[\(k)].name", file: file)
                try checkRange(
                    phase.seconds, DoseLimits.phaseSeconds, at: "\(path).repeat.phases[\(k)].seconds", file: file)
            }
        }
        try checkRange(dose.sets, DoseLimits.sets, at: "\(path).sets", file: file)
        try checkRange(dose.restSeconds, DoseLimits.restSeconds, at: "\(path).restSeconds", file: file)
        try checkRange(dose.setupSeconds, DoseLimits.setupSeconds, at: "\(path).setupSeconds", file: file)
        try checkRange(dose.switchSeconds, DoseLimits.switchSeconds, at: "\(path).switchSeconds", file: file)
        try checkSides(dose.sides, at: "\(path).sides", file: file)
    }

    static func checkOverride(_ dose: DoseOverride, at path: String, file: String) throws(CatalogError) {
        if let v = dose.holdSeconds { try checkRange(v, DoseLimits.holdSeconds, at: "\(path).holdSeconds", file: file) }
        if let v = dose.repetitions { try checkRange(v, DoseLimits.repetitions, at: "\(path).repetitions", file: file) }
        if let v = dose.sets { try checkRange(v, DoseLimits.sets, at: "\(path).sets", file: file) }
        if let v = dose.restSeconds { try checkRange(v, DoseLimits.restSeconds, at: "\(path).restSeconds", file: file) }
        if let sides = dose.sides { try checkSides(sides, at: "\(path).sides", file: file) }
    }

    /// An override must make sense for the exercise: no hold time for a repetition exercise, no sides
    /// for one that works both sides at once.
    static func checkOverrideFits(
        _ dose: DoseOverride, exercise: Exercise, at path: String, file: String
    ) throws(CatalogError) {
        switch exercise.dose.work {
        case .hold where dose.repetitions != nil:
            throw CatalogError(
                file: file, path: "\(path).repetitions",
                message: "\"\(exercise.id)\" is a timed hold; set holdSeconds instead")
        case .repetitions where dose.holdSeconds != nil:
            throw CatalogError(
                file: file, path: "\(path).holdSeconds",
                message: "\"\(exercise.id)\" is counted in repetitions; set repetitions instead")
        default: break
        }
        if let sides = dose.sides, !sides.isEmpty, exercise.dose.sides.isEmpty {
            throw CatalogError(
                file: file, path: "\(path).sides",
                message: "\"\(exercise.id)\" works both sides at once; leave sides out")
        }
        if let sides = dose.sides, sides.isEmpty, !exercise.dose.sides.isEmpty {
            throw CatalogError(
                file: file, path: "\(path).sides",
                message: "\"\(exercise.id)\" is done one side at a time; name at least one side")
        }
    }

    private static func checkSides(_ sides: [Side], at path: String, file: String) throws(CatalogError) {
        if Set(sides).count != sides.count {
            throw CatalogError(file: file, path: path, message: "names a side twice; list each side at most once")
        }
    }

    private static func checkRange(
        _ value: Int, _ range: ClosedRange<Int>, at path: String, file: String
    ) throws(CatalogError) {
        guard range.contains(value) else {
            throw CatalogError(
                file: file, path: path, message: "must be \(range.lowerBound)...\(range.upperBound), got \(value)")
        }
    }

    private static func checkText(_ text: String, at path: String, file: String) throws(CatalogError) {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CatalogError(file: file, path: path, message: "must not be empty")
        }
    }

    private static func checkUniqueIDs(_ ids: [String], section: String, file: String) throws(CatalogError) {
        var seen: [String: Int] = [:]
        for (i, id) in ids.enumerated() {
            guard isValidID(id) else {
                throw CatalogError(
                    file: file, path: "\(section)[\(i)].id",
                    message: "must be kebab-case (lowercase letters, digits and single hyphens), got \"\(id)\"")
            }
            if let first = seen[id] {
                throw CatalogError(
                    file: file, path: "\(section)[\(i)].id",
                    message: "duplicate id \"\(id)\", already used by \(section)[\(first)]")
            }
            seen[id] = i
        }
    }
}
