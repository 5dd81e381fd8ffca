import ReelCore
import Synchronization
import Testing

@Suite("IDGenerator")
struct IDGeneratorTests {
    /// Checks that every ID is strictly greater than the one before (which implies uniqueness).
    func expectStrictlyIncreasing(_ ids: [ReelID], sourceLocation: SourceLocation = #_sourceLocation) {
        let firstBad = ids.indices.dropFirst().first { ids[$0 - 1] >= ids[$0] }
        #expect(firstBad == nil, "IDs stop increasing at \(firstBad ?? -1)", sourceLocation: sourceLocation)
        #expect(Set(ids).count == ids.count, sourceLocation: sourceLocation)
    }

    @Test("100 000 IDs from the wall clock are unique, increasing and carry the region")
    func wallClock() {
        let generator = IDGenerator(regionIndex: 2)
        let ids = (0..<100_000).map { _ in generator.next() }
        expectStrictlyIncreasing(ids)
        #expect(ids.allSatisfy { $0.regionIndex == 2 })
        let now = IDGenerator.systemMilliseconds()
        #expect(ids[0].unixMilliseconds <= now)
        #expect(ids[0].unixMilliseconds + 60_000 > now, "IDs carry the current time")
    }

    @Test("with a fixed clock the sequence counts up, then overflows into the next millisecond")
    func sequenceOverflow() {
        let millis: UInt64 = 1_800_000_000_000
        let generator = IDGenerator(regionIndex: 5, clock: { millis })
        let perMillisecond = Int(ReelID.maxSequence) + 1
        let ids = (0..<(perMillisecond + 100_000)).map { _ in generator.next() }
        expectStrictlyIncreasing(ids)
        #expect(ids.allSatisfy { $0.regionIndex == 5 })
        #expect(ids[0].unixMilliseconds == millis)
        #expect(ids[0].rawValue & ReelID.maxSequence == 0)
        #expect(ids[perMillisecond - 1].unixMilliseconds == millis)
        #expect(ids[perMillisecond - 1].rawValue & ReelID.maxSequence == ReelID.maxSequence)
        #expect(ids[perMillisecond].unixMilliseconds == millis + 1, "borrows the next millisecond")
        #expect(ids[perMillisecond].rawValue & ReelID.maxSequence == 0)
        #expect(ids.last!.unixMilliseconds == millis + 1)
    }

    @Test("a clock that steps back never produces a smaller or repeated ID")
    func clockStepsBack() {
        let clock = ScriptedClock([2_000_000_000_000, 1_999_999_999_000, 1_999_999_999_999, 2_000_000_000_000, 1_000_000_000_000,
                                   2_000_000_000_001, 2_000_000_000_001, 1_999_999_000_000, 2_000_000_000_005])
        let generator = IDGenerator(regionIndex: 1, clock: { clock.read() })
        var ids = (0..<9).map { _ in generator.next() }
        expectStrictlyIncreasing(ids)
        #expect(ids.allSatisfy { $0.unixMilliseconds >= 2_000_000_000_000 }, "time never goes back in IDs")
        #expect(ids[5].unixMilliseconds == 2_000_000_000_001, "follows the clock again once it moves forward")
        #expect(ids[8].unixMilliseconds == 2_000_000_000_005)

        // A clock running backwards one millisecond per read, for many IDs.
        let backwards = ScriptedClock(Array(stride(from: UInt64(2_100_000_000_000), to: 2_100_000_000_000 - 50_000, by: -1)))
        let stepping = IDGenerator(regionIndex: 1, clock: { backwards.read() })
        ids = (0..<50_000).map { _ in stepping.next() }
        expectStrictlyIncreasing(ids)
    }

    @Test("IDs requested from many tasks at once are unique")
    func concurrent() async {
        let generator = IDGenerator(regionIndex: 3, clock: { 1_800_000_000_000 })
        let ids = await withTaskGroup(of: [ReelID].self) { group in
            for _ in 0..<8 { group.addTask { (0..<5_000).map { _ in generator.next() } } }
            var all: [ReelID] = []
            for await batch in group {
                expectStrictlyIncreasing(batch)
                all += batch
            }
            return all
        }
        #expect(Set(ids).count == 40_000)
    }
}

/// A clock that returns scripted readings in order, then repeats the last one.
final class ScriptedClock: Sendable {
    private let readings: Mutex<(values: [UInt64], next: Int)>
    init(_ values: [UInt64]) { readings = Mutex((values, 0)) }
    func read() -> UInt64 {
        readings.withLock { state in
            let value = state.values[min(state.next, state.values.count - 1)]
            state.next += 1
            return value
        }
    }
}
