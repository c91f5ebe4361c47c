extension Duration {
    /// The duration as a number of seconds, for a display or JSON that shows fractions of a second.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
