extension Duration {
    /// The duration in seconds, with sub-second precision.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
