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
