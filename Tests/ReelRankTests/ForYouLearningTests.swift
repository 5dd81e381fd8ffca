import ReelRank
import Testing

@Suite("For You learns a new viewer's taste")
struct ForYouLearningTests {
    @Test("a viewer who only completes #cooking gets a mostly-#cooking page within 50 events")
    func cookingViewerGetsCooking() throws {
        let (world, recommender) = Fixtures.world()
        let user: UInt64 = 900_001
        let viewer = Fixtures.viewer(user)
        var now = Fixtures.start + 86400
        let isCooking = { (id: UInt64) in world.videos[Int(id - 1)].hashtags.contains("cooking") }
        let before = recommender.recommend(for: viewer, limit: 20, now: now).items
        let shareBefore = Double(before.filter { isCooking($0.videoID) }.count) / Double(max(before.count, 1))
        var events = 0
        while events < 50 {
            let page = recommender.recommend(for: viewer, limit: 10, now: now)
            try #require(!page.items.isEmpty)
            for item in page.items where events < 50 {
                let video = world.videos[Int(item.videoID - 1)]
                let cooking = isCooking(item.videoID)
                recommender.record(InteractionEvent(
                    user: user, video: item.videoID, kind: .watch, watchedMs: cooking ? video.durationMs : 1_200,
                    durationMs: video.durationMs, completed: cooking, time: now, source: item.source))
                events += 1
                now += 20
            }
        }
        let after = recommender.recommend(for: viewer, limit: 20, now: now).items
        #expect(after.count == 20)
        let share = Double(after.filter { isCooking($0.videoID) }.count) / Double(after.count)
        #expect(share >= 0.6, "cooking share after 50 events: \(share) (before: \(shareBefore))")
        #expect(shareBefore < 0.4, "cooking share before any event: \(shareBefore)")
    }

    @Test("non-profiled feed ignores history: two viewers with different pasts get the same page")
    func popularIsNotPersonal() {
        let (world, recommender) = Fixtures.world(sessions: 1500, retrain: false)
        var w = world
        recommender.record(w.watch(user: 1, video: 10, at: Fixtures.start + 90000))
        let a = recommender.popular(for: Fixtures.viewer(1), limit: 15, now: Fixtures.start + 90000)
        let b = recommender.popular(for: Fixtures.viewer(2), limit: 15, now: Fixtures.start + 90000)
        #expect(a.items.map(\.videoID) == b.items.map(\.videoID))
        #expect(a.items.count == 15)
        #expect(a.items.allSatisfy { $0.source == .trending || $0.source == .popularWorldwide })
        var optedOut = Fixtures.viewer(1)
        optedOut.isPersonalized = false
        #expect(recommender.recommend(for: optedOut, limit: 15, now: Fixtures.start + 90000).items.map(\.videoID)
            == a.items.map(\.videoID))
    }

    @Test("refresh forgets learned affinities but keeps follows")
    func refreshForgetsLearning() {
        let recommender = Recommender()
        for n in 1 ... 30 as ClosedRange<UInt64> {
            recommender.upsert(video: Fixtures.video(n, creator: 100 + n % 10, tags: [n % 2 == 0 ? "pets" : "dance"]))
        }
        recommender.setFollowing(user: 1, creator: 103, isFollowing: true)
        for n in stride(from: 2, through: 12, by: 2) { recommender.record(Fixtures.watch(1, UInt64(n))) }
        let viewer = Fixtures.viewer(1)
        #expect(!recommender.candidates(from: .hashtagAffinity, for: viewer, now: Fixtures.start).isEmpty)
        recommender.refresh(user: 1)
        #expect(recommender.candidates(from: .hashtagAffinity, for: viewer, now: Fixtures.start).isEmpty)
        #expect(!recommender.candidates(from: .following, for: viewer, now: Fixtures.start).isEmpty)
    }
}
