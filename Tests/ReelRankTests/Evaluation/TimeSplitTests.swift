import Testing

@testable import ReelRank

@Suite("TimeSplit")
struct TimeSplitTests {
    /// Ten events given out of time order; the last two by time are the test period.
    private let events = [
        Interaction(user: 1, item: 10, timestamp: 300, weight: 8),
        Interaction(user: 2, item: 10, timestamp: 100, weight: 8),
        Interaction(user: 1, item: 11, timestamp: 100, weight: 3),
        Interaction(user: 3, item: 12, timestamp: 200, weight: 8),
        Interaction(user: 4, item: 12, timestamp: 200, weight: 8),
        Interaction(user: 5, item: 13, timestamp: 400, weight: 8),
        Interaction(user: 6, item: 13, timestamp: 500, weight: 8),
        Interaction(user: 6, item: 14, timestamp: 600, weight: 8),
        // Test period: user 1 rates a seen item highly, a new item low and a cold item highly;
        Interaction(user: 1, item: 10, timestamp: 900, weight: 10),
        Interaction(user: 1, item: 99, timestamp: 900, weight: 7),
        Interaction(user: 1, item: 13, timestamp: 800, weight: 6.5),
        // user 2 likes a new item; user 7 was never in training; user 3 only rates low.
        Interaction(user: 2, item: 14, timestamp: 700, weight: 9),
        Interaction(user: 7, item: 10, timestamp: 700, weight: 9),
        Interaction(user: 3, item: 13, timestamp: 700, weight: 2),
    ]

    @Test("sorts by time, keeping input order among equal timestamps, and cuts at floor(n × fraction)")
    func cutsByTime() {
        let split = TimeSplit(trainFraction: 0.5).split(events)
        // floor(14 × 0.5) = 7 training events.
        #expect(split.train.map(\.timestamp) == [100, 100, 200, 200, 300, 400, 500])
        #expect(split.train.prefix(2).map(\.user) == [2, 1])
        #expect(split.test.map(\.timestamp) == [600, 700, 700, 700, 800, 900, 900])
        #expect(split.catalogueSize == 4)
        #expect(split.trainingPopularity == [10: 2, 11: 1, 12: 2, 13: 2])
    }

    @Test("scores users with training history and an unseen positive; excludes seen items; keeps cold items")
    func scoredUsers() {
        // floor(14 × 0.6) = 8 training events.
        let split = TimeSplit(trainFraction: 0.6, positiveThreshold: 7).split(events)
        #expect(split.train.count == 8)
        #expect(split.scoredUsers == [
            .init(user: 1, seen: [10, 11], relevant: [99]),
            .init(user: 2, seen: [10], relevant: [14]),
        ])
    }

    @Test("the positive threshold is configurable")
    func threshold() {
        let split = TimeSplit(trainFraction: 0.6, positiveThreshold: 1).split(events)
        #expect(split.scoredUsers.map(\.user) == [1, 2, 3])
        #expect(split.scoredUsers.first?.relevant == [13, 99])
    }

    @Test("standard protocol: every test interaction on a training item is relevant, at any weight; cold items are not")
    func standardProtocol() {
        let split = TimeSplit(trainFraction: 0.6, protocol: .standard).split(events)
        #expect(split.evaluationProtocol == .standard)
        #expect(split.scoredUsers == [
            .init(user: 1, seen: [10, 11], relevant: [13]),
            .init(user: 2, seen: [10], relevant: [14]),
            .init(user: 3, seen: [12], relevant: [13]),
        ])
    }

    @Test("the validation split is the same split applied to the training period alone")
    func validationSplit() {
        let protocolSplit = TimeSplit(trainFraction: 0.5, protocol: .standard)
        let validation = protocolSplit.validationSplit(events)
        #expect(validation.train.count + validation.test.count == 7)
        #expect(validation.train.map(\.timestamp) == [100, 100, 200])
        #expect(validation.test.allSatisfy { $0.timestamp <= 500 })
    }
}

@Suite("Peer tuning")
struct PeerTuningTests {
    @Test("the member with the best validation recall + NDCG is chosen, and decayed trending favours recent items")
    func choosesBest() throws {
        // Item 1 was popular long ago, item 2 is popular now; the validation period wants item 2.
        var log: [Interaction] = []
        for u in 0 ..< 6 { log.append(Interaction(user: u, item: 1, timestamp: 0, weight: 1)) }
        for u in 0 ..< 4 { log.append(Interaction(user: 10 + u, item: 2, timestamp: 900_000, weight: 1)) }
        for u in 0 ..< 4 { log.append(Interaction(user: 20 + u, item: 4, timestamp: 900_050, weight: 1)) }
        for u in 0 ..< 2 { log.append(Interaction(user: u, item: 3, timestamp: 900_100, weight: 1)) }
        for u in 0 ..< 4 { log.append(Interaction(user: 20 + u, item: 2, timestamp: 900_200, weight: 1)) }
        let split = TimeSplit(trainFraction: 0.8, protocol: .standard).split(log)
        let family = PeerTuning.Family(label: "trending", members: [PopularityBaseline(), DecayedTrendingBaseline(halfLife: 3600)])
        let (best, report) = PeerTuning(k: 1).choose(family, on: split)
        #expect(best.name == "trending-hl3600s")
        #expect(report.rows.count == 2)
    }
}

