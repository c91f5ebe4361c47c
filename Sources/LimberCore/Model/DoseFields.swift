extension Dose {
    /// The numbers this dose states, each with its field name (as in `projectDefaults`), its JSON path inside
    /// the dose, and its value. A field at its empty value (one set, no rest, no setup, no switch) states nothing,
    /// and so needs no source.
    public var statedNumbers: [(field: String, path: String, value: Int)] {
        var numbers: [(field: String, path: String, value: Int)] = []
        switch work {
        case .hold(let seconds):
            numbers.append(("hold.seconds", "hold.seconds", seconds))
        case .repetitions(let count, let phases):
            numbers.append(("repeat.count", "repeat.count", count))
            if let first = phases.first { numbers.append(("repeat.phases", "repeat.phases[0].seconds", first.seconds)) }
        }
        if sets > 1 { numbers.append(("sets", "sets", sets)) }
        if restSeconds > 0 { numbers.append(("restSeconds", "restSeconds", restSeconds)) }
        if setupSeconds > 0 { numbers.append(("setupSeconds", "setupSeconds", setupSeconds)) }
        if switchSeconds > 0 { numbers.append(("switchSeconds", "switchSeconds", switchSeconds)) }
        return numbers
    }
}

extension DoseOverride {
    /// The numbers this override sets, each with its dose field name and its key in the override.
    public var statedNumbers: [(field: String, key: String)] {
        var numbers: [(field: String, key: String)] = []
        if holdSeconds != nil { numbers.append(("hold.seconds", "holdSeconds")) }
        if repetitions != nil { numbers.append(("repeat.count", "repetitions")) }
        if sets != nil { numbers.append(("sets", "sets")) }
        if restSeconds != nil { numbers.append(("restSeconds", "restSeconds")) }
        return numbers
    }
}

extension Exercise {
    /// The exercise's project defaults as one plain sentence built from its dose, such as "Limber chose the
    /// 10 s to get into position and the 5 s to switch legs; no source gives these times." Nil when every number
    /// has a source. Every screen that shows an exercise says it with these words.
    public var projectDefaultsSentence: String? {
        var parts: [String] = []
        var allTimes = true
        // In the order a person meets them, not the order they were listed in.
        for field in [
            "setupSeconds", "sides", "hold.seconds", "repeat.count", "repeat.phases", "sets", "restSeconds",
            "switchSeconds",
        ]
        where projectDefaults.contains(field) {
            guard let part = projectDefaultPhrase(field) else { continue }
            if !["setupSeconds", "hold.seconds", "repeat.phases", "restSeconds", "switchSeconds"].contains(field) {
                allTimes = false
            }
            parts.append(part)
        }
        guard !parts.isEmpty else { return nil }
        let noun =
            allTimes
            ? (parts.count == 1 ? "this time" : "these times") : (parts.count == 1 ? "this number" : "these numbers")
        return "Limber chose \(parts.listedWithAnd); no source gives \(noun)."
    }

    private func projectDefaultPhrase(_ field: String) -> String? {
        switch (field, dose.work) {
        case ("setupSeconds", _) where dose.setupSeconds > 0:
            return "the \(dose.setupSeconds) s to get into position"
        case ("sides", _) where dose.sides.count > 1:
            return "starting with the \(dose.sides[0].rawValue) \(sideNoun)"
        case ("hold.seconds", .hold(let seconds)):
            return "the \(seconds) s hold"
        case ("repeat.count", .repetitions(let count, _)):
            return "the \(count) repetitions"
        case ("repeat.phases", .repetitions(_, let phases)):
            return "the pace of each repetition (" + phases.map { "\($0.name) \($0.seconds) s" }.joined(separator: ", ")
                + ")"
        case ("sets", _) where dose.sets > 1:
            let each = dose.sides.count > 1 ? " on each \(sideNoun)" : ""
            if case .hold = dose.work { return "the \(dose.sets) holds" + each }
            return "the \(dose.sets) rounds" + each
        case ("restSeconds", _) where dose.restSeconds > 0 && dose.sets > 1:
            if case .hold = dose.work { return "the \(dose.restSeconds) s rest between holds" }
            return "the \(dose.restSeconds) s rest between rounds"
        case ("switchSeconds", _) where dose.switchSeconds > 0 && dose.sides.count > 1:
            return "the \(dose.switchSeconds) s to switch \(sideNoun == "foot" ? "feet" : sideNoun + "s")"
        default:
            return nil
        }
    }
}
