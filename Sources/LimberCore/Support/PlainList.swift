extension Array where Element == String {
    /// The items as a person lists them: "A", "A and B", "A, B and C".
    public var listedWithAnd: String {
        count <= 2 ? joined(separator: " and ") : dropLast().joined(separator: ", ") + " and " + self[count - 1]
    }
}
