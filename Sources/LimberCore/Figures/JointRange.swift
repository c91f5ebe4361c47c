/// The normal active range of motion of each joint a figure bends, in degrees, which every keyframe
/// must stay within unless the figure names the joint in `beyondRange` with a reason.
///
/// Values are the American Academy of Orthopaedic Surgeons' normal ranges as tabulated in
/// C. C. Norkin and D. J. White, *Measurement of Joint Motion: A Guide to Goniometry*, 5th ed.
/// (F. A. Davis, 2016), appendix A. Positive is flexion, abduction, dorsiflexion, or bending and
/// turning toward the figure's left (front view); negative is the opposite.
public enum JointRange {
    public static let source =
        "Joint ranges: American Academy of Orthopaedic Surgeons normal values, in Norkin and White, "
        + "Measurement of Joint Motion, 5th ed., 2016."

    /// The range of a joint by its name without the side (`knee`, not `near.knee`), in a view.
    public static func range(of joint: String, in view: Figure.View) -> ClosedRange<Double>? {
        switch (view, joint) {
        // `trunk` places the whole body (upright, lying, leaning) rather than bending a joint.
        case (_, "trunk"): return -180...180
        case (.side, "spine"): return -25...80  // thoracolumbar extension 25, flexion 80
        case (.front, "spine"): return -35...35  // thoracolumbar lateral flexion 35
        case (.front, "twist"): return -45...45  // thoracolumbar rotation 45
        case (_, "neck"): return -45...45  // cervical extension or lateral flexion 45, flexion 45
        case (.side, "shoulder"): return -60...180  // extension 60, flexion 180
        // Abduction 180; the other way the arm crosses in front of the body, which the table gives
        // as horizontal adduction (0 to 135), so 135 here.
        case (.front, "shoulder"): return -135...180
        case (_, "elbow"): return 0...150
        // Flexion 80 and extension 70. From the side a palm-up forearm looks like a palm-down one,
        // so a drawn bend cannot say which it is: the wider of the two limits applies both ways.
        case (.side, "wrist"): return -80...80
        // From the front a hand turned flat to the floor or a thigh shows its bend in this plane, so
        // flexion and extension, not the smaller side-to-side deviation, bound it.
        case (.front, "wrist"): return -70...80
        // Spreading the fingers at the knuckles: the table gives no value, so 20 is ours (a project default).
        case (_, "fingers"): return 0...20
        case (.side, "hip"), (.front, "hipFlex"): return -30...120  // extension 30, flexion 120
        case (.front, "hip"): return -30...45  // adduction 30, abduction 45
        case (_, "knee"): return 0...135
        case (_, "ankle"): return -50...20  // plantarflexion 50, dorsiflexion 20
        default: return nil
        }
    }
}
