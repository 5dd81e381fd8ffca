import Dispatch

extension Duration {
    /// The duration in seconds, with sub-second precision.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration for `DispatchQueue.asyncAfter`, clamped so that huge timeouts cannot overflow.
    var dispatchInterval: DispatchTimeInterval {
        .nanoseconds(Int(min(seconds * 1e9, Double(Int.max / 2))))
    }
}
