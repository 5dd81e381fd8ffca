import Testing

@testable import ReelRank

@Suite("Serving from an immutable snapshot")
struct ServingSnapshotTests {
    @Test("requests and events are served while a retrain is under way, from the model before it")
    func servingDuringRetrain() {
        let (world, recommender) = Fixtures.world(videos: 600, sessions: 2000, retrain: false)
        let now = Fixtures.start + 86400
        var pageDuringRetrain: [UInt64] = []
        var retrainsSeenDuring = ""
        // The hook runs inside retrain(), after training, before the new model is installed. If
        // requests or events needed the lock the retrain holds, they could not finish here at all.
        recommender.retrain {
            retrainsSeenDuring = recommender.inspect()
            pageDuringRetrain = recommender.recommend(for: Fixtures.viewer(1), limit: 10, now: now).items.map(\.videoID)
            recommender.record(Fixtures.watch(1, world.videos[0].id, at: now))
        }
        #expect(pageDuringRetrain.count == 10)
        #expect(retrainsSeenDuring.contains("retrains 0"))
        let after = recommender.inspect()
        #expect(after.contains("retrains 1"))
        // The event recorded meanwhile landed in the live state and survived the install.
        #expect(Self.events(after) == Self.events(retrainsSeenDuring) + 1)
        #expect(recommender.recommend(for: Fixtures.viewer(1), limit: 10, now: now).items.count == 10)
    }

    /// The event count `inspect()` reports.
    static func events(_ inspect: String) -> Int {
        let tail = inspect.split(separator: "events: ")[1]
        return Int(tail.prefix { $0.isNumber }) ?? -1
    }

    @Test("a viewer's own actions and removals show at once although the snapshot may lag other viewers' events")
    func ownActionsAreNeverLagged() throws {
        // 4,000 videos: the snapshot may lag up to 4 events behind.
        let (_, recommender) = Fixtures.world(videos: 4000, sessions: 2000)
        let now = Fixtures.start + 86400
        let viewer = Fixtures.viewer(2)
        let first = recommender.recommend(for: viewer, limit: 10, now: now).items.map(\.videoID)
        try #require(first.count == 10)
        recommender.record(Fixtures.watch(2, first[0], at: now))
        recommender.record(InteractionEvent(user: 2, video: first[1], kind: .notInterested, time: now))
        recommender.remove(videoID: first[2])
        let next = recommender.recommend(for: viewer, limit: 10, now: now).items.map(\.videoID)
        #expect(!next.contains(first[0]), "a watched video came back")
        #expect(!next.contains(first[1]), "a not-interested video came back")
        #expect(!next.contains(first[2]), "a removed video was served")
        #expect(recommender.popular(for: Fixtures.viewer(3), limit: 50, now: now).items.allSatisfy { $0.videoID != first[2] })
    }

    @Test("the snapshot follows events within its lag and is shared while current")
    func lagIsBounded() {
        var (world, state) = Fixtures.state(sessions: 500)
        let lag = state.servingLag
        let snapshot = state.servingSnapshot()
        #expect(state.servingSnapshot() === snapshot)
        #expect(snapshot.state.users.isEmpty && snapshot.state.trainUsers.isEmpty)
        for e in world.simulate(sessions: 50, from: Fixtures.start + 86400, duration: 3600).prefix(lag) { state.record(e) }
        #expect(state.servingSnapshot() !== snapshot)
        #expect(state.servingSnapshot().eventCount == state.eventCount)
    }
}
