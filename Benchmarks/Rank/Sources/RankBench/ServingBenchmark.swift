import ReelRank

/// At a given scale: events folded into the online model per second, the first retrain (which
/// builds the ANN index), three periodic retrains each after 1 % more events (which update it
/// incrementally; the second is the costly one, ALS being far from converged after a cold start,
/// the fourth shows the steady state), and For You request latency (p50/p99), all on one thread.
struct ServingBenchmark {
    let videos: Int
    let users: Int
    let events: Int

    func run() {
        let start: Double = 1_700_000_000
        var world = SyntheticWorld(seed: 11, users: users, videos: videos, creators: max(videos / 50, 10),
                                   sounds: max(videos / 100, 10), start: start, uploadSpread: 14 * 86400)
        let recommender = Recommender()
        let upsert = Stopwatch.seconds { for v in world.videos { recommender.upsert(video: v) } }
        var folded = 0
        var ingest = 0.0
        let chunk = 500_000
        var day = 0.0
        while folded < events {
            // A session yields about 1.3 events (watch, sometimes like/share); never ask for zero.
            let sessions = max(min(chunk, events - folded) * 10 / 13, 1)
            let batch = world.simulate(sessions: sessions, from: start + day * 86400, duration: 86400)
            ingest += Stopwatch.seconds { for e in batch { recommender.record(e) } }
            folded += batch.count
            day += 1
        }
        let retrain = Stopwatch.seconds { recommender.retrain() }
        // What arrives between two periodic retrains: 1 % more events, over the next hour.
        var periodic: [Double] = []
        var maintenance: [String] = []
        for hour in 0 ..< 3 {
            let more = world.simulate(sessions: max(events / 100 * 10 / 13, 1), from: start + day * 86400 + Double(hour) * 3600,
                                      duration: 3600)
            ingest += Stopwatch.seconds { for e in more { recommender.record(e) } }
            folded += more.count
            periodic.append(Stopwatch.seconds { recommender.retrain() })
            maintenance += recommender.inspect().split(separator: "\n").filter { $0.hasPrefix("last index update") }.map(String.init)
        }
        let now = start + day * 86400 + 3 * 3600
        var latencies: [Double] = []
        var rng = SeededGenerator(seed: 5)
        var served = 0
        for n in 0 ..< 2000 {
            let user = n % 10 == 0 ? UInt64(10_000_000 + n) : 1 + rng.next() % UInt64(users)
            let viewer = ViewerContext(userID: user, region: "eu", isEligibleForMatureContent: true)
            var page = RecommendationPage(items: [], nextCursor: nil)
            latencies.append(Stopwatch.seconds { page = recommender.recommend(for: viewer, limit: 20, now: now) })
            served += page.items.count
        }
        let summary = recommender.inspect().split(separator: "\n").prefix(7).joined(separator: "; ")
        print("| videos | users | events | upsert (s) | events/s folded | first retrain (s) | 2nd retrain (s) | 4th retrain (s) | For You p50 (ms) | p99 (ms) | items/page |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        print("| \(videos) | \(users) | \(folded) | \(Stopwatch.format(upsert, 1)) | \(Int(Double(folded) / ingest)) | \(Stopwatch.format(retrain, 1)) | \(Stopwatch.format(periodic[0], 1)) | \(Stopwatch.format(periodic[2], 1)) | \(Stopwatch.format(Stopwatch.quantile(latencies, 0.5) * 1000, 2)) | \(Stopwatch.format(Stopwatch.quantile(latencies, 0.99) * 1000, 2)) | \(Stopwatch.format(Double(served) / 2000, 1)) |")
        print("")
        print("State after ingest: \(summary)")
        print("")
        print("Index updates of the 2nd, 3rd and 4th retrains (3rd: \(Stopwatch.format(periodic[1], 1)) s): " + maintenance.joined(separator: " | "))
    }
}
