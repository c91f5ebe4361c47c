/// Segment lengths as fractions of standing height, from the anthropometric table in
/// D. A. Winter, *Biomechanics and Motor Control of Human Movement*, 4th ed. (Wiley, 2009), fig. 4.1,
/// after Drillis and Contini (1966). Figures are drawn 100 units tall, so each value here is also a
/// length in figure units after multiplying by 100.
public enum BodyProportions {
    /// Winter's segment length for the upper arm (its landmark heights, 0.818 H and 0.630 H, differ
    /// by 0.188 H because the landmarks are not the joint centres).
    public static let upperArm = 0.186
    public static let forearm = 0.146
    /// Wrist (0.485 H) to fingertip (0.377 H).
    public static let hand = 0.108
    public static let thigh = 0.245
    public static let shank = 0.246
    /// Hip (greater trochanter, 0.530 H) to shoulder (0.818 H).
    public static let trunk = 0.288
    /// Shoulder to chin (0.870 H).
    public static let neck = 0.052
    /// Chin to the top of the head.
    public static let head = 0.130
    /// Ankle height (0.039 H) and foot length (0.152 H).
    public static let ankleHeight = 0.039
    public static let footLength = 0.152
    /// Widths across the shoulders (0.259 H) and the hips (0.191 H).
    public static let shoulderWidth = 0.259
    public static let hipWidth = 0.191

    /// The citation shown beside figures and in the handout.
    public static let source =
        "Body proportions: D. A. Winter, Biomechanics and Motor Control of Human Movement, 4th ed., 2009 "
        + "(after Drillis and Contini, 1966)."
}
