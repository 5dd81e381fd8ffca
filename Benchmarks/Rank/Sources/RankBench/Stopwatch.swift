import Foundation

/// Clock helpers for the benchmarks (the library itself never reads a clock).
enum Stopwatch {
    /// Wall seconds and CPU seconds (this process, all threads) spent in `body`. On a shared,
    /// oversubscribed machine CPU time is the figure to compare: wall time also counts the time
    /// the single benchmark thread waited for a core.
    static func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpu0 = processCPUSeconds()
        let wall = try seconds(body)
        return (wall, processCPUSeconds() - cpu0)
    }

    /// Wall seconds and CPU seconds of the calling thread spent in `body` (other threads excluded).
    static func measureThread(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpu0 = threadCPUSeconds()
        let wall = try seconds(body)
        return (wall, threadCPUSeconds() - cpu0)
    }

    /// CPU time the calling thread has used, seconds.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// CPU time this process has used (user + system), seconds.
    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// The q-quantile (0…1) of `samples` by nearest rank.
    static func quantile(_ samples: [Double], _ q: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[rank]
    }

    static func format(_ x: Double, _ digits: Int = 3) -> String {
        var scale = 1.0
        for _ in 0 ..< digits { scale *= 10 }
        return "\((x * scale).rounded() / scale)"
    }
}
