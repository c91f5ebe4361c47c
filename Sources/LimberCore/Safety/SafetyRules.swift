import Foundation

/// How strongly Limber points someone toward medical help, from the most to the least pressing.
public enum AdviceLevel: String, CatalogEnum, Comparable {
    /// Stop; get medical help now or today. No session starts.
    case urgent
    /// Self-care may go on, but the person should see a doctor soon; the advice is shown plainly.
    case seeDoctor = "see-doctor"
    /// Nothing found that needs a doctor; stretching and the self-care tips apply.
    case selfCare = "self-care"

    /// Lower is more pressing, so sorting puts urgent advice first.
    private var rank: Int {
        switch self {
        case .urgent: 0
        case .seeDoctor: 1
        case .selfCare: 2
        }
    }

    /// `a < b` when `a` is more pressing than `b`.
    public static func < (lhs: AdviceLevel, rhs: AdviceLevel) -> Bool { lhs.rank < rhs.rank }
}

/// One warning sign, asked as a yes/no question before a session. A "yes" means the advice in
/// `message` applies; the level decides whether a session may still start.
public struct RedFlag: Codable, Sendable, Hashable {
    /// Stable kebab-case id; answers, the diary and the API refer to the flag by it.
    public var id: String
    /// A plain yes/no question a person in pain can answer.
    public var question: String
    public var level: AdviceLevel
    /// What to do when the answer is yes, in a few short sentences.
    public var message: String
    /// Region ids the flag concerns; empty means it applies wherever the cramp is.
    public var regions: [String]
    /// A "yes" means stretching is not the answer (writer's cramp): no session starts, though the
    /// advice is to see a doctor soon rather than urgently.
    public var stopsSession: Bool
    public var sources: [Source]

    public init(
        id: String, question: String, level: AdviceLevel, message: String, regions: [String] = [],
        stopsSession: Bool = false, sources: [Source]
    ) {
        self.id = id
        self.question = question
        self.level = level
        self.message = message
        self.regions = regions
        self.stopsSession = stopsSession
        self.sources = sources
    }

    /// Whether the flag should be asked of someone with a cramp in any of `regionIDs`.
    public func concerns(_ regionIDs: [String]) -> Bool {
        regions.isEmpty || regions.contains(where: regionIDs.contains)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, question, level, message, regions, stopsSession, sources
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        question = try c.decode(String.self, forKey: .question)
        level = try c.decode(AdviceLevel.self, forKey: .level)
        message = try c.decode(String.self, forKey: .message)
        regions = try c.decodeIfPresent([String].self, forKey: .regions) ?? []
        stopsSession = try c.decodeIfPresent(Bool.self, forKey: .stopsSession) ?? false
        sources = try c.decode([Source].self, forKey: .sources)
    }

    /// Written out only when set, so the file and the API stay as short as the rule.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(question, forKey: .question)
        try c.encode(level, forKey: .level)
        try c.encode(message, forKey: .message)
        try c.encode(regions, forKey: .regions)
        if stopsSession { try c.encode(stopsSession, forKey: .stopsSession) }
        try c.encode(sources, forKey: .sources)
    }
}

/// Something a person can do for themselves while a cramp is happening.
public struct SelfCareTip: Codable, Sendable, Hashable {
    public var text: String
    public var sources: [Source]

    public init(text: String, sources: [Source]) {
        self.text = text
        self.sources = sources
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case text, sources }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        sources = try c.decode([Source].self, forKey: .sources)
    }
}

/// Advice that is true of every cramp in a region by definition, so it is shown rather than asked:
/// asking "is the pain between your shoulder blades?" of someone who chose that region has only one
/// honest answer, and a question like that teaches people to tap "none" without reading.
public struct RegionAdvice: Codable, Sendable, Hashable {
    /// Stable kebab-case id, like a red flag's.
    public var id: String
    /// The regions the advice is shown for; never empty (general advice belongs in a red flag).
    public var regions: [String]
    /// How strongly it points toward a doctor. Never urgent: something true of a whole region
    /// cannot forbid every session for it, so an urgent sign stays a question.
    public var level: AdviceLevel
    public var message: String
    /// Red flags this advice answers for its regions: a session that includes one of them is not
    /// asked these (a back routine that covers the upper back is not asked "is the pain between
    /// your shoulder blades?"), because the advice already says what to do.
    public var replaces: [String]
    public var sources: [Source]

    public init(
        id: String, regions: [String], level: AdviceLevel, message: String, replaces: [String] = [],
        sources: [Source]
    ) {
        self.id = id
        self.regions = regions
        self.level = level
        self.message = message
        self.replaces = replaces
        self.sources = sources
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, regions, level, message, replaces, sources }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        regions = try c.decode([String].self, forKey: .regions)
        level = try c.decode(AdviceLevel.self, forKey: .level)
        message = try c.decode(String.self, forKey: .message)
        replaces = try c.decodeIfPresent([String].self, forKey: .replaces) ?? []
        sources = try c.decode([Source].self, forKey: .sources)
    }
}

/// The safety file: red flags asked before a session, self-care tips and the disclaimer.
public struct SafetyContent: Codable, Sendable, Hashable {
    public var version: Int
    /// In the order they are asked: the file lists urgent flags first.
    public var redFlags: [RedFlag]
    /// Shown, not asked, for the regions they name.
    public var regionAdvice: [RegionAdvice]
    public var selfCare: [SelfCareTip]
    /// One sentence saying Limber guides exercise and does not diagnose.
    public var disclaimer: String

    public init(
        version: Int = 1, redFlags: [RedFlag], regionAdvice: [RegionAdvice] = [], selfCare: [SelfCareTip],
        disclaimer: String
    ) {
        self.version = version
        self.redFlags = redFlags
        self.regionAdvice = regionAdvice
        self.selfCare = selfCare
        self.disclaimer = disclaimer
    }

    /// The flags to ask about a cramp in `regions`: the general ones plus those for any of the regions,
    /// in file order.
    public func flags(for regions: [String]) -> [RedFlag] {
        let answered = Set(advice(for: regions).flatMap(\.replaces))
        return redFlags.filter { $0.concerns(regions) && !answered.contains($0.id) }
    }

    /// The flag with this id, if there is one.
    public func flag(_ id: String) -> RedFlag? {
        redFlags.first { $0.id == id }
    }

    /// The advice shown (not asked) for a cramp in any of `regions`, in file order.
    public func advice(for regions: [String]) -> [RegionAdvice] {
        regionAdvice.filter { $0.regions.contains(where: regions.contains) }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case version, redFlags, regionAdvice, selfCare, disclaimer }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        redFlags = try c.decode([RedFlag].self, forKey: .redFlags)
        regionAdvice = try c.decodeIfPresent([RegionAdvice].self, forKey: .regionAdvice) ?? []
        selfCare = try c.decode([SelfCareTip].self, forKey: .selfCare)
        disclaimer = try c.decode(String.self, forKey: .disclaimer)
    }
}

/// Reads and checks the safety file, the same way catalog files are read: unknown fields and
/// mistakes are refused with the file, the JSON path and what to fix.
public enum SafetyLoader {
    /// The file name errors name for the safety rules that ship with Limber.
    public static let bundledFileName = "safety.json"

    /// The safety rules that ship with Limber.
    public static func bundled() throws(CatalogError) -> SafetyContent {
        guard let url = Bundle.module.url(forResource: "safety", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else {
            throw CatalogError(file: bundledFileName, path: "", message: "is missing from the installation")
        }
        return try decode(data, name: bundledFileName)
    }

    /// Decodes a safety file and checks it; `name` is the file name errors report.
    public static func decode(_ data: Data, name: String) throws(CatalogError) -> SafetyContent {
        let content: SafetyContent
        do {
            content = try JSONDecoder().decode(SafetyContent.self, from: data)
        } catch let error as DecodingError {
            throw CatalogError(file: name, decodingError: error)
        } catch {
            throw CatalogError(file: name, path: "", message: "could not be read (\(error.localizedDescription))")
        }
        try check(content, name: name)
        return content
    }

    /// Checks that every region a flag names exists in `catalog`. A misspelt region would quietly
    /// stop a warning from being asked, so callers that hold a catalog should run this too.
    public static func checkRegions(
        _ content: SafetyContent, against catalog: Catalog, name: String = bundledFileName
    ) throws(CatalogError) {
        let known = catalog.regions.map(\.id)
        for (i, flag) in content.redFlags.enumerated() {
            for (k, region) in flag.regions.enumerated() where catalog.region(region) == nil {
                throw CatalogError(
                    file: name, path: "redFlags[\(i)].regions[\(k)]",
                    message: "unknown region \"\(region)\"; known regions: \(known.joined(separator: ", "))")
            }
        }
        for (i, advice) in content.regionAdvice.enumerated() {
            for (k, region) in advice.regions.enumerated() where catalog.region(region) == nil {
                throw CatalogError(
                    file: name, path: "regionAdvice[\(i)].regions[\(k)]",
                    message: "unknown region \"\(region)\"; known regions: \(known.joined(separator: ", "))")
            }
        }
    }

    private static func check(_ content: SafetyContent, name: String) throws(CatalogError) {
        func fail(_ path: String, _ message: String) -> CatalogError {
            CatalogError(file: name, path: path, message: message)
        }
        guard content.version == 1 else { throw fail("version", "must be 1, got \(content.version)") }
        try checkText(content.disclaimer, at: "disclaimer", file: name)
        if content.redFlags.isEmpty { throw fail("redFlags", "must list at least one red flag") }

        // Flags and region advice share one set of ids, so an answer or a `replaces` names one thing.
        var seen: [String: String] = [:]
        func checkID(_ id: String, at path: String) throws(CatalogError) {
            guard CatalogValidator.isValidID(id) else {
                throw fail(
                    "\(path).id", "must be kebab-case (lowercase letters, digits and single hyphens), got \"\(id)\"")
            }
            if let first = seen[id] { throw fail("\(path).id", "duplicate id \"\(id)\", already used by \(first)") }
            seen[id] = path
        }
        for (i, flag) in content.redFlags.enumerated() {
            let path = "redFlags[\(i)]"
            try checkID(flag.id, at: path)
            try checkText(flag.question, at: "\(path).question", file: name)
            if !flag.question.trimmingCharacters(in: .whitespaces).hasSuffix("?") {
                throw fail("\(path).question", "must be a yes/no question ending with \"?\"")
            }
            if flag.level == .selfCare {
                throw fail(
                    "\(path).level", "must be urgent or see-doctor; a red flag always points toward a doctor")
            }
            try checkText(flag.message, at: "\(path).message", file: name)
            for (k, region) in flag.regions.enumerated() where !CatalogValidator.isValidID(region) {
                throw fail("\(path).regions[\(k)]", "must be a kebab-case region id, got \"\(region)\"")
            }
            try checkSources(flag.sources, at: "\(path).sources", file: name)
        }
        for (i, advice) in content.regionAdvice.enumerated() {
            let path = "regionAdvice[\(i)]"
            try checkID(advice.id, at: path)
            if advice.regions.isEmpty {
                throw fail("\(path).regions", "must name at least one region; advice for everyone is a red flag")
            }
            if advice.level != .seeDoctor {
                throw fail(
                    "\(path).level",
                    "must be see-doctor: advice shown for a whole region cannot stop every session for it; "
                        + "make an urgent sign a red flag question instead")
            }
            try checkText(advice.message, at: "\(path).message", file: name)
            for (k, id) in advice.replaces.enumerated() where content.flag(id) == nil {
                throw fail("\(path).replaces[\(k)]", "\"\(id)\" is not a red flag id in this file")
            }
            try checkSources(advice.sources, at: "\(path).sources", file: name)
        }
        for (i, tip) in content.selfCare.enumerated() {
            try checkText(tip.text, at: "selfCare[\(i)].text", file: name)
            try checkSources(tip.sources, at: "selfCare[\(i)].sources", file: name)
        }
    }

    private static func checkSources(_ sources: [Source], at path: String, file: String) throws(CatalogError) {
        if sources.isEmpty { throw CatalogError(file: file, path: path, message: "must cite at least one source") }
        for (k, source) in sources.enumerated() where source.kind == .reference {
            if (source.title ?? "").isEmpty && (source.publisher ?? "").isEmpty {
                throw CatalogError(
                    file: file, path: "\(path)[\(k)]", message: "a reference needs a title or a publisher")
            }
        }
    }

    private static func checkText(_ text: String, at path: String, file: String) throws(CatalogError) {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CatalogError(file: file, path: path, message: "must not be empty")
        }
    }
}

/// Where a check stands: the advice level of what was answered, or incomplete while questions are
/// left. Listed from the most to the least pressing.
public enum CheckLevel: String, Codable, Sendable, Hashable, CaseIterable {
    /// A warning sign needs help now; no session starts.
    case urgent
    /// Questions were left unanswered and "none of these apply" was not chosen: no session starts,
    /// because a check nobody answered has found nothing.
    case incomplete
    /// Stretching may go on; the person should see a doctor soon.
    case seeDoctor = "see-doctor"
    /// Every question answered, none of the signs apply.
    case selfCare = "self-care"
}

/// The outcome of the red-flag questions: what to advise and whether a session may start.
public struct SafetyVerdict: Codable, Sendable, Hashable {
    /// Urgent when any urgent sign was answered yes; otherwise incomplete while questions are left;
    /// otherwise the most pressing level answered yes, or self-care.
    public var level: CheckLevel
    /// True only when the check is complete, nothing urgent was answered yes, and no sign that
    /// makes stretching the wrong answer (writer's cramp) was either.
    public var canStartSession: Bool
    /// The flags answered yes, urgent ones first, each group in file order.
    public var reasons: [RedFlag]
    /// Advice shown for the regions whatever the answers, because it is true of every cramp there.
    public var regionAdvice: [RegionAdvice]
    /// Answered ids that match no flag, sorted; the caller reports them as an error.
    public var unknownIDs: [String]
    /// Ids of the flags for the given regions that have no answer, in file order. Empty when the
    /// person chose "none of these apply".
    public var unanswered: [String]

    public init(
        level: CheckLevel, canStartSession: Bool, reasons: [RedFlag], regionAdvice: [RegionAdvice] = [],
        unknownIDs: [String] = [], unanswered: [String] = []
    ) {
        self.level = level
        self.canStartSession = canStartSession
        self.reasons = reasons
        self.regionAdvice = regionAdvice
        self.unknownIDs = unknownIDs
        self.unanswered = unanswered
    }
}

/// Turns answers to the red-flag questions into advice. Pure: same answers, same verdict.
public struct SafetyCheck {
    /// Evaluates yes/no answers keyed by flag id for a cramp in `regions`.
    ///
    /// A session may start only when every question for the regions has an answer, or when the
    /// person said "none of these apply" (`noneApply`), which answers every question left with no.
    /// No answers at all, as a closed terminal or an empty request gives, is incomplete, never
    /// "none". A "yes" counts even for a flag that does not concern these regions: a warning sign
    /// the person reports is never ignored.
    public static func evaluate(
        _ answers: [String: Bool], content: SafetyContent, regions: [String], noneApply: Bool = false
    ) -> SafetyVerdict {
        let known = Set(content.redFlags.map(\.id))
        let unknownIDs = answers.keys.filter { !known.contains($0) }.sorted()
        let yes = content.redFlags.filter { answers[$0.id] == true }
        let reasons = yes.filter { $0.level == .urgent } + yes.filter { $0.level != .urgent }
        let unanswered = noneApply ? [] : content.flags(for: regions).map(\.id).filter { answers[$0] == nil }
        let level: CheckLevel
        if yes.contains(where: { $0.level == .urgent }) {
            level = .urgent
        } else if !unanswered.isEmpty {
            level = .incomplete
        } else if !yes.isEmpty {
            level = .seeDoctor
        } else {
            level = .selfCare
        }
        let isStretchingWrong = yes.contains(where: \.stopsSession)
        return SafetyVerdict(
            level: level, canStartSession: (level == .seeDoctor || level == .selfCare) && !isStretchingWrong,
            reasons: reasons,
            regionAdvice: content.advice(for: regions), unknownIDs: unknownIDs, unanswered: unanswered)
    }
}
