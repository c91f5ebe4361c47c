/// Fits one of Limber's own routines to the health conditions a person saved. An exercise marked
/// "avoid" for one of them is replaced by another exercise for the same place that is safe for
/// them, or left out when there is none, and each change is explained in a plain note.
///
/// A person's own routines are never changed: they chose the exercises, so their cautions are
/// shown before the start instead (`Exercise.cautions(for:)`).
public struct ConditionFitter: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// One exercise taken out of a routine, and what took its place.
    public struct Swap: Codable, Sendable, Hashable {
        public var exerciseId: String
        public var exerciseName: String
        /// The saved condition the exercise is to be avoided with.
        public var condition: Condition
        /// The caution that says why.
        public var reason: String
        public var replacementId: String?
        public var replacementName: String?

        /// What replaced the exercise, as a sentence.
        public var replacement: String {
            replacementName.map { "\($0) takes its place." }
                ?? "No other exercise here suits you, so the routine is shorter."
        }

        /// What a person reads: what was left out, why (the caution names the condition), and
        /// what replaced it.
        public var note: String {
            "Not in your routine: \(exerciseName). \(reason) \(replacement)"
        }
    }

    /// A routine as it will be played, with the swaps made to it.
    public struct Fitted: Sendable, Hashable {
        public var routine: Routine
        public var swaps: [Swap]

        public init(routine: Routine, swaps: [Swap]) {
            self.routine = routine
            self.swaps = swaps
        }
    }

    /// The routine with every exercise the conditions rule out swapped or left out. Throws when
    /// nothing suitable is left, saying why each exercise was left out.
    public func fit(_ routine: Routine, conditions: Set<Condition>) throws(PlanningError) -> Fitted {
        guard !conditions.isEmpty else { return Fitted(routine: routine, swaps: []) }
        var fitted = routine
        var swaps: [Swap] = []
        var items: [Routine.Item] = []
        for item in routine.items {
            guard let exercise = catalog.exercise(item.exerciseId),
                let avoided = exercise.avoidance(for: conditions)
            else {
                items.append(item)
                continue
            }
            let taken = Set(routine.items.map(\.exerciseId) + items.map(\.exerciseId))
            let replacement = replacementCandidates(for: exercise, in: routine).first {
                !taken.contains($0.id) && $0.avoidance(for: conditions) == nil
            }
            if let replacement {
                items.append(Routine.Item(exerciseId: replacement.id, dose: carriedOver(item.dose, to: replacement)))
            }
            swaps.append(
                Swap(
                    exerciseId: exercise.id, exerciseName: exercise.name, condition: avoided.condition,
                    reason: avoided.caution.text,
                    replacementId: replacement?.id, replacementName: replacement?.name))
        }
        guard !items.isEmpty else {
            // Each reason once, naming every exercise it rules out.
            var reasons: [(names: [String], reason: String)] = []
            for swap in swaps {
                if let i = reasons.firstIndex(where: { $0.reason == swap.reason }) {
                    reasons[i].names.append(swap.exerciseName)
                } else {
                    reasons.append(([swap.exerciseName], swap.reason))
                }
            }
            throw .nothingSuitable(
                regions: routine.regions.compactMap(catalog.region).map(\.name),
                reasons: reasons.map { "\($0.names.joined(separator: " and ")): \($0.reason)" })
        }
        fitted.items = items
        return Fitted(routine: fitted, swaps: swaps)
    }

    /// Exercises for the same place as `exercise` within the routine's regions: those of the same
    /// kind first (a stretch for a stretch), each group in the catalog's order for the place.
    private func replacementCandidates(for exercise: Exercise, in routine: Routine) -> [Exercise] {
        let places = exercise.regions.primary.filter { routine.regions.isEmpty || routine.regions.contains($0) }
        let regions = places.isEmpty ? routine.regions : places
        var seen: Set<String> = []
        let candidates = regions.flatMap { catalog.exercises(for: $0) }.filter { seen.insert($0.id).inserted }
        return candidates.filter { $0.kind == exercise.kind } + candidates.filter { $0.kind != exercise.kind }
    }

    /// A routine's dose change is kept only where it means the same for the replacement (a hold
    /// for a hold), so a bedtime 10-second hold never becomes a count of repetitions.
    private func carriedOver(_ dose: DoseOverride?, to exercise: Exercise) -> DoseOverride? {
        guard var dose else { return nil }
        switch exercise.dose.work {
        case .hold: dose.repetitions = nil
        case .repetitions: dose.holdSeconds = nil
        }
        if exercise.dose.sides.isEmpty { dose.sides = nil }
        return dose.isEmpty ? nil : dose
    }
}

extension Exercise {
    /// The first condition among `conditions` this exercise is marked "avoid" for, and its caution.
    public func avoidance(for conditions: Set<Condition>) -> (condition: Condition, caution: Caution)? {
        for caution in cautions where caution.action == .avoid {
            if let condition = caution.conditions.first(where: conditions.contains) { return (condition, caution) }
        }
        return nil
    }

    /// The cautions a person with `conditions` should read before starting: those for everyone and
    /// those for their conditions.
    public func cautions(for conditions: Set<Condition>) -> [Caution] {
        cautions.filter { $0.applies(to: conditions) }
    }
}
