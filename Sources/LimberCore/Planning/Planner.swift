/// Picks exercises for the regions a person names and fits them to their goal, time and limits.
public struct Planner: Sendable {
    public let catalog: Catalog

    /// Exercises per region: two for quick relief, three otherwise. A project default, not a clinical number.
    public static let exercisesPerRegion: [Goal: Int] = [.relief: 2, .prevention: 3, .bedtime: 3]

    /// The Hallegraeff 2012 trial's bedtime dose: each stretch held 10 s, 3 times, 10 s rest.
    public static let bedtimeDose = DoseOverride(holdSeconds: 10, sets: 3, restSeconds: 10)

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// A plan for `request`, in named steps: check the request, remark on it, use the region's
    /// own relief routine where one fits, otherwise gather each region's candidates, pick within
    /// the time budget, and put the routine together.
    public func plan(_ request: PlanRequest) throws(PlanningError) -> Plan {
        let regionIDs = try checkedRegions(request)
        let notes = remarks(on: request, regionIDs: regionIDs)
        let conditions = Set(request.conditions)
        // Quick relief for one place is that place's own relief routine, so a region has one
        // quick-relief routine, not a built-in one and a planned one with near-identical names.
        if request.goal == .relief, regionIDs.count == 1, !request.standingOnly, !request.noEquipment,
            request.minutes == nil,
            let builtIn = catalog.routines.first(where: { $0.purpose == .relief && $0.regions == regionIDs })
        {
            return try plan(from: builtIn, request: request, conditions: conditions, notes: notes)
        }
        var (queues, leftOut) = candidates(regionIDs, request: request, conditions: conditions)
        let picked = try pick(from: queues, regionIDs: regionIDs, request: request, leftOut: &leftOut)
        return assemble(
            picked, regionIDs: regionIDs, request: request, conditions: conditions, leftOut: leftOut,
            notes: notes)
    }

    /// The regions asked for, once each and in order; refuses a request the planner cannot serve.
    private func checkedRegions(_ request: PlanRequest) throws(PlanningError) -> [String] {
        guard !request.regions.isEmpty else { throw .noRegion }
        if let minutes = request.minutes, !PlanRequest.acceptedMinutes.contains(minutes) {
            throw .minutesOutOfRange(minutes, accepted: PlanRequest.acceptedMinutes)
        }
        let covered = catalog.coveredRegions
        for id in request.regions where !covered.contains(where: { $0.id == id }) {
            throw .unsupportedRegion(id, supported: covered.map(\.id))
        }
        return request.regions.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Remarks on the request itself, such as a side asked for a place that has none.
    private func remarks(on request: PlanRequest, regionIDs: [String]) -> [String] {
        guard let side = request.side else { return [] }
        var notes: [String] = []
        let unsided = regionIDs.compactMap(catalog.region).filter { !$0.isSided }.map(\.name)
        if !unsided.isEmpty {
            notes.append(
                "The \(side.rawValue) side was ignored for \(unsided.joined(separator: ", ")): it has no sides.")
        }
        if request.goal != .relief {
            notes.append("Both sides are stretched for \(request.goal.rawValue), as in the studies behind it.")
        }
        return notes
    }

    /// Candidates per region, in preference order, with anything the constraints rule out set aside.
    private func candidates(
        _ regionIDs: [String], request: PlanRequest, conditions: Set<Condition>
    ) -> (queues: [[Exercise]], leftOut: [Plan.LeftOut]) {
        var leftOut: [Plan.LeftOut] = []
        var queues: [[Exercise]] = []
        for regionID in regionIDs {
            var queue: [Exercise] = []
            for exercise in catalog.exercises(for: regionID) {
                if let reason = exclusionReason(exercise, request: request, conditions: conditions) {
                    if !leftOut.contains(where: { $0.exerciseId == exercise.id }) {
                        leftOut.append(.init(exerciseId: exercise.id, exerciseName: exercise.name, reason: reason))
                    }
                } else {
                    queue.append(exercise)
                }
            }
            queues.append(queue)
        }
        return (queues, leftOut)
    }

    private typealias Pick = (region: Int, exercise: Exercise, dose: Dose)

    /// The best candidate of each region in turn, so a tight budget still covers every region; what
    /// the budget leaves out is added to `leftOut`. Throws when nothing at all can be picked.
    private func pick(
        from queues: [[Exercise]], regionIDs: [String], request: PlanRequest, leftOut: inout [Plan.LeftOut]
    ) throws(PlanningError) -> [Pick] {
        let limit = Self.exercisesPerRegion[request.goal] ?? 2
        let budget = request.minutes.map { $0 * 60 }
        var picked: [Pick] = []
        var used = 0
        var shortestRefused: (seconds: Int, name: String)?
        for round in 0..<limit {
            for (r, queue) in queues.enumerated() where round < queue.count {
                let exercise = queue[round]
                if picked.contains(where: { $0.exercise.id == exercise.id }) { continue }
                let dose = exercise.dose.applying(override(for: exercise, request: request, regionID: regionIDs[r]))
                if let budget, used + dose.totalSeconds > budget {
                    if dose.totalSeconds < shortestRefused?.seconds ?? .max {
                        shortestRefused = (dose.totalSeconds, exercise.name)
                    }
                    leftOut.append(
                        .init(
                            exerciseId: exercise.id, exerciseName: exercise.name,
                            reason: "Takes \(formatDuration(dose.totalSeconds)), more than the time left in "
                                + "\(request.minutes ?? 0) min."))
                    continue
                }
                used += dose.totalSeconds
                picked.append((r, exercise, dose))
            }
        }
        guard picked.isEmpty else { return picked }
        if let budget, let shortest = shortestRefused {
            throw .budgetTooSmall(budgetSeconds: budget, shortestSeconds: shortest.seconds, shortestName: shortest.name)
        }
        throw .nothingSuitable(
            regions: regionIDs.compactMap(catalog.region).map(\.name),
            reasons: leftOut.map { "\($0.exerciseName): \($0.reason)" })
    }

    /// The routine, each region's exercises together, with why each was chosen and what to watch for.
    private func assemble(
        _ picked: [Pick], regionIDs: [String], request: PlanRequest, conditions: Set<Condition>,
        leftOut: [Plan.LeftOut], notes: [String]
    ) -> Plan {
        let ordered = picked.enumerated().sorted { ($0.element.region, $0.offset) < ($1.element.region, $1.offset) }
            .map(\.element)
        var items: [Routine.Item] = []
        var chosen: [Plan.Choice] = []
        var cautions: [Plan.Warning] = []
        for (r, exercise, dose) in ordered {
            let regionID = regionIDs[r]
            let override = override(for: exercise, request: request, regionID: regionID)
            items.append(.init(exerciseId: exercise.id, dose: override.isEmpty ? nil : override))
            chosen.append(choice(exercise, dose: dose, request: request, regionID: regionID))
            cautions += warnings(exercise, conditions: conditions)
        }
        let limit = Self.exercisesPerRegion[request.goal] ?? 2
        let names = regionIDs.compactMap(catalog.region).map { Self.inSentence($0.name) }
        let routine = Routine(
            id: "plan-\(request.goal.rawValue)-" + regionIDs.joined(separator: "-"),
            name: "\(title(for: request.goal)) for \(names.joined(separator: " and "))",
            purpose: request.goal,
            summary: "Made by the planner for \(names.joined(separator: " and ")).",
            regions: regionIDs, items: items,
            sources: request.goal == .bedtime ? hallegraeffSources : [],
            projectDefaults: ["At most \(limit) exercises per region is a project default."])
        return Plan(
            routine: routine, totalSeconds: picked.map(\.dose.totalSeconds).reduce(0, +), chosen: chosen,
            leftOut: leftOut, cautions: cautions, notes: notes)
    }

    /// A built-in relief routine fitted to the person: their conditions, then the side that hurts.
    private func plan(
        from builtIn: Routine, request: PlanRequest, conditions: Set<Condition>, notes: [String]
    ) throws(PlanningError) -> Plan {
        let fitted = try ConditionFitter(catalog: catalog).fit(builtIn, conditions: conditions)
        let regionID = builtIn.regions[0]
        var routine = fitted.routine
        var chosen: [Plan.Choice] = []
        var cautions: [Plan.Warning] = []
        var total = 0
        routine.items = routine.items.compactMap { item in
            guard let exercise = catalog.exercise(item.exerciseId) else { return nil }
            var override = item.dose ?? DoseOverride()
            let sided = self.override(for: exercise, request: request, regionID: regionID)
            if let sides = sided.sides { override.sides = sides }
            let dose = exercise.dose.applying(override)
            total += dose.totalSeconds
            chosen.append(choice(exercise, dose: dose, request: request, regionID: regionID))
            cautions += warnings(exercise, conditions: conditions)
            return Routine.Item(exerciseId: exercise.id, dose: override.isEmpty ? nil : override)
        }
        let leftOut = fitted.swaps.map {
            Plan.LeftOut(
                exerciseId: $0.exerciseId, exerciseName: $0.exerciseName, reason: "\($0.reason) \($0.replacement)")
        }
        return Plan(
            routine: routine, totalSeconds: total, chosen: chosen, leftOut: leftOut, cautions: cautions, notes: notes)
    }

    /// Why `exercise` is in the plan, and how long it takes at `dose`.
    private func choice(_ exercise: Exercise, dose: Dose, request: PlanRequest, regionID: String) -> Plan.Choice {
        .init(
            exerciseId: exercise.id, exerciseName: exercise.name,
            reasons: reasons(for: exercise, dose: dose, request: request, regionID: regionID),
            seconds: dose.totalSeconds)
    }

    /// The cautions of `exercise` that concern everyone or one of `conditions`.
    private func warnings(_ exercise: Exercise, conditions: Set<Condition>) -> [Plan.Warning] {
        exercise.cautions(for: conditions).map {
            .init(
                exerciseId: exercise.id, exerciseName: exercise.name, text: $0.text,
                condition: $0.conditions.first(where: conditions.contains))
        }
    }

    // MARK: - Rules

    private func exclusionReason(_ exercise: Exercise, request: PlanRequest, conditions: Set<Condition>) -> String? {
        if request.standingOnly && exercise.position.isFloorWork {
            return "Done \(exercise.position.title); you asked for no floor work."
        }
        if request.noEquipment, let item = exercise.equipment.first(where: { !$0.isEverydayFurniture }) {
            return "Needs a \(item.rawValue.replacingOccurrences(of: "-", with: " ")); you asked for no equipment."
        }
        if let avoided = exercise.avoidance(for: conditions) { return avoided.caution.text }
        return nil
    }

    private func override(for exercise: Exercise, request: PlanRequest, regionID: String) -> DoseOverride {
        var override = DoseOverride()
        if request.goal == .bedtime, case .hold = exercise.dose.work {
            override = Self.bedtimeDose
        }
        let regionIsSided = catalog.region(regionID)?.isSided ?? false
        if request.goal == .relief, let side = request.side, regionIsSided, !exercise.dose.sides.isEmpty {
            override.sides = [side]
        }
        return override
    }

    /// A region's name as it reads after "for" or "at": "the calf", "the area between the shoulder blades".
    static func inSentence(_ name: String) -> String {
        let lowered = name.lowercased()
        return lowered.hasPrefix("between ") ? "the area \(lowered)" : "the \(lowered)"
    }

    private func reasons(for exercise: Exercise, dose: Dose, request: PlanRequest, regionID: String) -> [String] {
        let regionName = Self.inSentence(catalog.region(regionID)?.name ?? regionID)
        let muscles = exercise.muscles.isEmpty ? "" : " (\(exercise.muscles.joined(separator: ", ")))"
        var reasons = [
            exercise.regions.primary.contains(regionID)
                ? "Aimed at \(regionName)\(muscles)." : "May also help \(regionName)."
        ]
        if request.goal == .bedtime, case .hold = exercise.dose.work {
            reasons.append("Bedtime dose from the Hallegraeff 2012 trial: 10 s holds, 3 times, 10 s rest.")
        }
        if dose.sides.count == 1, let side = dose.sides.first {
            reasons.append("\(side.title) \(exercise.sideNoun) only, as asked.")
        }
        if request.standingOnly { reasons.append("Done \(exercise.position.title), with no floor work.") }
        return reasons
    }

    private func title(for goal: Goal) -> String {
        switch goal {
        case .relief: return "Quick relief"
        case .prevention: return "Prevention"
        case .bedtime: return "Bedtime stretches"
        }
    }

    private var hallegraeffSources: [Source] {
        [
            Source(
                kind: .reference,
                title: "Hallegraeff et al. 2012, stretching before sleep and night leg cramps (PMID 22341378)",
                publisher: "PubMed")
        ]
    }
}
