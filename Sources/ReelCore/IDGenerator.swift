import Synchronization

/// Makes unique ``ReelID``s for one region, safe to call from any task.
///
/// Within one millisecond it counts up the 18-bit sequence; if the sequence runs out,
/// or the clock steps back, it borrows from the next millisecond so IDs stay unique and increasing.
public final class IDGenerator: Sendable {
    /// The region index every ID made here carries.
    public let regionIndex: Int
    private let state = Mutex<(millis: UInt64, sequence: UInt64)>((0, 0))
    private let clock: @Sendable () -> UInt64

    /// Creates a generator for a region.
    /// - Parameters:
    ///   - regionIndex: the region's index (see ``RegionDefinition/index``).
    ///   - clock: Unix milliseconds now; tests can pass a fixed clock.
    public init(regionIndex: Int, clock: @escaping @Sendable () -> UInt64 = IDGenerator.systemMilliseconds) {
        self.regionIndex = regionIndex
        self.clock = clock
    }

    /// The wall clock in Unix milliseconds.
    @Sendable public static func systemMilliseconds() -> UInt64 {
        UInt64(Clock.unixSeconds * 1000)
    }

    /// Returns a new ID, greater than every ID this generator returned before.
    public func next() -> ReelID {
        let now = clock()
        let (millis, sequence) = state.withLock { state -> (UInt64, UInt64) in
            if now > state.millis {
                state = (now, 0)
            } else if state.sequence < ReelID.maxSequence {
                state.sequence += 1
            } else {
                state = (state.millis + 1, 0)
            }
            return state
        }
        return ReelID(unixMilliseconds: millis, regionIndex: regionIndex, sequence: sequence)
    }
}
