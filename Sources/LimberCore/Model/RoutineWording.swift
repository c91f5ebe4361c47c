extension Routine {
    /// What the routine is for, as a label beside its name, or nil when the name already says it
    /// ("Quick relief: calf" needs no "relief" after it).
    public var purposeLabel: String? {
        name.lowercased().contains(purpose.rawValue) ? nil : purpose.rawValue
    }
}
