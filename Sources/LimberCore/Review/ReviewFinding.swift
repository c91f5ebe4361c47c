import Foundation

/// The rules the diary review applies, in the order their findings are listed at one level.
public enum DiaryReviewRule: String, CatalogEnum {
    case longCramp = "long-cramp"
    case frequentCramps = "frequent-cramps"
    case sleepDisturbed = "sleep-disturbed"
    case severityRising = "severity-rising"
    case statinOrNewMedicine = "statin-or-new-medicine"
    case walkingCramps = "walking-cramps"
}

/// Something in the diary that a doctor should hear about, with the entries that showed it.
public struct ReviewFinding: Codable, Sendable, Hashable {
    public var ruleId: DiaryReviewRule
    /// Urgent or see-doctor; the review never reports plain self-care.
    public var level: AdviceLevel
    /// A few words, fit for a heading.
    public var title: String
    /// What was noticed and what to do, in plain words.
    public var message: String
    /// The diary entries that raised the finding, oldest first.
    public var episodeIds: [UUID]
    public var sources: [Source]
    /// True when a number in the rule is Limber's own choice rather than a source's.
    public var isProjectDefault: Bool
    /// Which number is Limber's own, in a sentence; nil when every number has a source.
    public var projectDefaultNote: String?

    public init(
        ruleId: DiaryReviewRule, level: AdviceLevel, title: String, message: String, episodeIds: [UUID],
        sources: [Source], projectDefaultNote: String? = nil
    ) {
        self.ruleId = ruleId
        self.level = level
        self.title = title
        self.message = message
        self.episodeIds = episodeIds
        self.sources = sources
        self.isProjectDefault = projectDefaultNote != nil
        self.projectDefaultNote = projectDefaultNote
    }
}
