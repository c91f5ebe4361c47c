/// How much of an exercise to do: a timed hold or counted repetitions, in sets, on each side.
public struct Dose: Codable, Sendable, Hashable {
    /// One phase of a repetition, such as "raise" or "lower".
    public struct Phase: Codable, Sendable, Hashable {
        public var name: String
        public var seconds: Int
        /// What to say when the phase begins; defaults to the phase name.
        public var cue: String?

        public init(name: String, seconds: Int, cue: String? = nil) {
            self.name = name
            self.seconds = seconds
            self.cue = cue
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, seconds, cue
        }

        public init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            seconds = try c.decode(Int.self, forKey: .seconds)
            cue = try c.decodeIfPresent(String.self, forKey: .cue)
        }
    }

    /// Hold a position for a number of seconds, or move through phases a number of times.
    public enum Work: Sendable, Hashable {
        case hold(seconds: Int)
        case repetitions(count: Int, phases: [Phase])
    }

    public var work: Work
    /// Sets on each side; rest comes between sets, not after the last.
    public var sets: Int
    public var restSeconds: Int
    /// The sides in the order they are done; empty when the exercise works both sides at once.
    public var sides: [Side]
    /// Time to get into position before the first set.
    public var setupSeconds: Int
    /// Time to change sides.
    public var switchSeconds: Int

    public init(
        work: Work, sets: Int = 1, restSeconds: Int = 0, sides: [Side] = [], setupSeconds: Int = 0,
        switchSeconds: Int = 0
    ) {
        self.work = work
        self.sets = sets
        self.restSeconds = restSeconds
        self.sides = sides
        self.setupSeconds = setupSeconds
        self.switchSeconds = switchSeconds
    }

    /// Seconds one set takes: the hold, or every phase of every repetition.
    public var setSeconds: Int {
        switch work {
        case .hold(let seconds): return seconds
        case .repetitions(let count, let phases): return count * phases.reduce(0) { $0 + $1.seconds }
        }
    }

    /// The exact time the dose takes, setup and side switches included.
    public var totalSeconds: Int {
        let sideCount = max(sides.count, 1)
        let perSide = sets * setSeconds + (sets - 1) * restSeconds
        return setupSeconds + sideCount * perSide + (sideCount - 1) * switchSeconds
    }

    /// The dose with a routine's or a person's overrides applied.
    public func applying(_ override: DoseOverride?) -> Dose {
        guard let override else { return self }
        var dose = self
        if let seconds = override.holdSeconds, case .hold = work { dose.work = .hold(seconds: seconds) }
        if let count = override.repetitions, case .repetitions(_, let phases) = work {
            dose.work = .repetitions(count: count, phases: phases)
        }
        if let sets = override.sets { dose.sets = sets }
        if let rest = override.restSeconds { dose.restSeconds = rest }
        if let sides = override.sides { dose.sides = sides }
        return dose
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hold, `repeat`, sets, restSeconds, sides, setupSeconds, switchSeconds
    }

    private struct Hold: Codable {
        var seconds: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case seconds }
        init(seconds: Int) { self.seconds = seconds }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            seconds = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .seconds)
        }
    }

    private struct Repeat: Codable {
        var count: Int
        var phases: [Phase]
        enum CodingKeys: String, CodingKey, CaseIterable { case count, phases }
        init(count: Int, phases: [Phase]) {
            self.count = count
            self.phases = phases
        }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            count = try c.decode(Int.self, forKey: .count)
            phases = try c.decode([Phase].self, forKey: .phases)
        }
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let hold = try c.decodeIfPresent(Hold.self, forKey: .hold)
        let repeated = try c.decodeIfPresent(Repeat.self, forKey: .repeat)
        switch (hold, repeated) {
        case (let hold?, nil): work = .hold(seconds: hold.seconds)
        case (nil, let repeated?): work = .repetitions(count: repeated.count, phases: repeated.phases)
        default:
            throw DecodingError.dataCorrupted(
                .init(codingPath: c.codingPath, debugDescription: "needs exactly one of \"hold\" or \"repeat\"")
            )
        }
        sets = try c.decodeIfPresent(Int.self, forKey: .sets) ?? 1
        restSeconds = try c.decodeIfPresent(Int.self, forKey: .restSeconds) ?? 0
        sides = try c.decodeIfPresent([Side].self, forKey: .sides) ?? []
        setupSeconds = try c.decodeIfPresent(Int.self, forKey: .setupSeconds) ?? 0
        switchSeconds = try c.decodeIfPresent(Int.self, forKey: .switchSeconds) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch work {
        case .hold(let seconds): try c.encode(Hold(seconds: seconds), forKey: .hold)
        case .repetitions(let count, let phases): try c.encode(Repeat(count: count, phases: phases), forKey: .repeat)
        }
        try c.encode(sets, forKey: .sets)
        try c.encode(restSeconds, forKey: .restSeconds)
        try c.encode(sides, forKey: .sides)
        try c.encode(setupSeconds, forKey: .setupSeconds)
        try c.encode(switchSeconds, forKey: .switchSeconds)
    }
}

/// Changes to an exercise's dose made by a routine, the planner or (later) a person.
public struct DoseOverride: Codable, Sendable, Hashable {
    public var holdSeconds: Int?
    public var repetitions: Int?
    public var sets: Int?
    public var restSeconds: Int?
    public var sides: [Side]?

    public init(
        holdSeconds: Int? = nil, repetitions: Int? = nil, sets: Int? = nil, restSeconds: Int? = nil,
        sides: [Side]? = nil
    ) {
        self.holdSeconds = holdSeconds
        self.repetitions = repetitions
        self.sets = sets
        self.restSeconds = restSeconds
        self.sides = sides
    }

    public var isEmpty: Bool { self == DoseOverride() }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case holdSeconds, repetitions, sets, restSeconds, sides
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        holdSeconds = try c.decodeUnlessNull(Int.self, forKey: .holdSeconds)
        repetitions = try c.decodeUnlessNull(Int.self, forKey: .repetitions)
        sets = try c.decodeUnlessNull(Int.self, forKey: .sets)
        restSeconds = try c.decodeUnlessNull(Int.self, forKey: .restSeconds)
        sides = try c.decodeUnlessNull([Side].self, forKey: .sides)
    }
}

/// The accepted range of every dose number: one rule for the catalog, routines, overrides and the API.
public enum DoseLimits {
    public static let holdSeconds = 1...600
    public static let repetitions = 1...100
    public static let phaseSeconds = 1...60
    public static let sets = 1...10
    public static let restSeconds = 0...300
    public static let setupSeconds = 0...120
    public static let switchSeconds = 0...60
}
