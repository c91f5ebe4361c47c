/// Every number the diary review uses, in one place. Each says where it comes from; a number no
/// source gives is Limber's own choice and is labelled a project default, here and in the finding.
public enum DiaryReviewThresholds {
    /// A cramp longer than this is a warning sign; exactly 10 minutes is not. NHS and NI Direct
    /// (clinical facts 1 and 26).
    public static let longCrampSeconds = 600

    /// Project default: clinical facts 12 give no number for "frequent"; trials enrolled people
    /// with at least one cramp a week, so a week counts when it holds this many cramps...
    public static let frequentCrampsPerWeek = 1
    /// ...and cramps are frequent once that many weeks (calendar weeks) come in a row. Project default.
    public static let frequentCrampsConsecutiveWeeks = 4

    /// Project default: this many cramps that woke the person "again and again" (clinical facts 8
    /// give no number)...
    public static let sleepDisturbedEpisodes = 3
    /// ...within this many days up to now. Project default.
    public static let sleepDisturbedWindowDays = 28

    /// A rise in mean severity of at least this many points on the 0 to 10 scale is a meaningful
    /// change (clinical facts 25).
    public static let severityMeaningfulChange = 2
    /// Project default: the recent window, and the window before it, are this many days long.
    public static let severityWindowDays = 28
    /// Project default: fewer cramps than this in either window say too little to compare.
    public static let severityMinimumEpisodesPerWindow = 2
}
