import ReelRank
import Testing

/// Each candidate source on its own, through `Recommender.candidates(from:for:now:)`.
@Suite("Candidate sources")
struct CandidateSourceTests {
    let now = Fixtures.start

    @Test("following returns only followed creators' videos, newest first")
    func following() {
        let r = Recommender()
        for n in 1 ... 20 as ClosedRange<UInt64> {
            r.upsert(video: Fixtures.video(n, creator: n % 2 == 0 ? 7 : 8, uploadedAt: now - Double(n) * 3600))
        }
        r.setFollowing(user: 1, creator: 7, isFollowing: true)
        let found = r.candidates(from: .following, for: Fixtures.viewer(1), now: now)
        #expect(found.map(\.videoID) == [2, 4, 6, 8, 10, 12, 14, 16, 18, 20])
        r.setFollowing(user: 1, creator: 7, isFollowing: false)
        #expect(r.candidates(from: .following, for: Fixtures.viewer(1), now: now).isEmpty)
    }

    @Test("co-engagement recommends what others watched next, explained by the watched video")
    func coEngagement() throws {
        let r = Recommender()
        for n in 1 ... 10 as ClosedRange<UInt64> { r.upsert(video: Fixtures.video(n, creator: 100 + n)) }
        for user in 2 ... 30 as ClosedRange<UInt64> {
            r.record(Fixtures.watch(user, 1, at: now))
            r.record(Fixtures.watch(user, user % 3 == 0 ? 5 : 3, at: now + 60))
        }
        r.record(Fixtures.watch(1, 1, at: now + 100))
        let found = r.candidates(from: .coEngagement, for: Fixtures.viewer(1), now: now + 200)
        #expect(found.map(\.videoID).prefix(2) == [3, 5])
        let why = try #require(r.explain(for: Fixtures.viewer(1), videoID: 3, now: now + 200))
        #expect(why.source == .coEngagement)
        #expect(why.kind == .becauseYouWatched)
        #expect(why.relatedVideo == 1 && why.creator == 101, "the reason names the watched video and its creator")
    }

    @Test("trending is per region and time-decayed")
    func trending() {
        let r = Recommender()
        r.upsert(video: Fixtures.video(1, creator: 1, region: "eu"))
        r.upsert(video: Fixtures.video(2, creator: 2, region: "eu"))
        r.upsert(video: Fixtures.video(3, creator: 3, region: "us"))
        for u in 1 ... 10 as ClosedRange<UInt64> { r.record(Fixtures.watch(u, 1, at: now - 10 * 86400)) }
        for u in 1 ... 4 as ClosedRange<UInt64> { r.record(Fixtures.watch(u, 2, at: now)) }
        for u in 1 ... 50 as ClosedRange<UInt64> { r.record(Fixtures.watch(u, 3, at: now)) }
        let found = r.candidates(from: .trending, for: Fixtures.viewer(99, region: "eu"), now: now)
        #expect(found.map(\.videoID) == [2, 1], "recent engagement outranks more but older engagement; other regions excluded")
        let worldwide = r.candidates(from: .popularWorldwide, for: Fixtures.viewer(99), now: now)
        #expect(worldwide.first?.videoID == 3)
    }

    @Test("one user's replays and re-shares raise a video's trend once a day; others' views still count")
    func trendingCountsAUserOnceADay() {
        let r = Recommender()
        r.upsert(video: Fixtures.video(1, creator: 1, region: "eu"))
        r.upsert(video: Fixtures.video(2, creator: 2, region: "eu"))
        for u in 1 ... 3 as ClosedRange<UInt64> { r.record(Fixtures.watch(u, 1, at: now)) }
        for n in 0 ..< 100 { r.record(Fixtures.watch(9, 2, at: now + Double(n))) }
        for n in 0 ..< 50 { r.record(InteractionEvent(user: 9, video: 2, kind: .share, time: now + 100 + Double(n))) }
        // Video 2: one watch (1.1) and one share (2.1) count, 3.2 in all, below three people's watches (3.3).
        let found = r.candidates(from: .trending, for: Fixtures.viewer(99, region: "eu"), now: now + 200)
        #expect(found.map(\.videoID) == [1, 2], "one user's 150 events lifted their video above three viewers' one")
        // The next day, the same user's watch counts again.
        r.record(Fixtures.watch(9, 2, at: now + 86_400))
        r.record(InteractionEvent(user: 9, video: 2, kind: .share, time: now + 86_400))
        let nextDay = r.candidates(from: .trending, for: Fixtures.viewer(99, region: "eu"), now: now + 86_400)
        #expect(nextDay.map(\.videoID) == [2, 1])
    }

    @Test("fresh uploads get bounded exploration and the bandit favours completed ones")
    func freshBandit() {
        var config = RecommenderConfig()
        config.explorationImpressions = 30
        let r = Recommender(config: config)
        r.upsert(video: Fixtures.video(1, creator: 1, uploadedAt: now - 3600))
        r.upsert(video: Fixtures.video(2, creator: 2, uploadedAt: now - 3600))
        r.upsert(video: Fixtures.video(3, creator: 3, uploadedAt: now - 3600))
        r.upsert(video: Fixtures.video(4, creator: 4, uploadedAt: now - 30 * 86400))
        for u in 1 ... 20 as ClosedRange<UInt64> {
            r.record(Fixtures.watch(u, 1, completed: true, at: now))
            r.record(Fixtures.watch(u, 2, completed: false, at: now))
        }
        for u in 1 ... 30 as ClosedRange<UInt64> { r.record(Fixtures.watch(u, 3, completed: true, at: now)) }
        var firsts: [UInt64: Int] = [:]
        for viewer in 100 ..< 140 as Range<UInt64> {
            let found = r.candidates(from: .fresh, for: Fixtures.viewer(viewer), now: now + Double(viewer))
            #expect(Set(found.map(\.videoID)) == [1, 2], "budget-exhausted (3) and old (4) uploads are not explored")
            firsts[found[0].videoID, default: 0] += 1
        }
        #expect(firsts[1, default: 0] >= 38, "completed upload drawn first \(firsts[1, default: 0])/40 times")
    }

    @Test("hashtag and sound affinity follow what the viewer completes")
    func affinity() {
        let r = Recommender()
        for n in 1 ... 40 as ClosedRange<UInt64> {
            r.upsert(video: Fixtures.video(n, creator: n, tags: [n % 2 == 0 ? "pets" : "dance"], sound: n % 4 == 0 ? 77 : 88))
        }
        for n in [4, 8, 12] as [UInt64] { r.record(Fixtures.watch(1, n, completed: true)) }
        for n in [1, 3] as [UInt64] { r.record(Fixtures.watch(1, n, completed: false)) }
        let tags = r.candidates(from: .hashtagAffinity, for: Fixtures.viewer(1), now: now)
        #expect(!tags.isEmpty && tags.allSatisfy { $0.videoID % 2 == 0 })
        #expect(!tags.contains { [4, 8, 12].contains($0.videoID) }, "watched videos are not candidates")
        let sounds = r.candidates(from: .soundAffinity, for: Fixtures.viewer(1), now: now)
        #expect(!sounds.isEmpty && sounds.allSatisfy { $0.videoID % 4 == 0 })
    }

    @Test("embedding neighbours are bounded and match the viewer's latent taste better than chance")
    func embeddingNeighbours() throws {
        let (world, r) = Fixtures.world(sessions: 6000)
        var hits = 0.0, total = 0.0, baseline = 0.0
        for user in 1 ... 40 as ClosedRange<UInt64> {
            let found = r.candidates(from: .embedding, for: Fixtures.viewer(user), now: Fixtures.start + 86400)
            #expect(found.count <= r.config.perSourceLimit)
            for c in found.prefix(20) {
                hits += world.completionProbability(user: user, video: c.videoID)
                total += 1
            }
            for v in stride(from: 1, through: 1500, by: 37) {
                baseline += world.completionProbability(user: user, video: UInt64(v)) / 41
            }
        }
        try #require(total > 0)
        #expect(hits / total > 1.5 * baseline / 40, "mean completion prob \(hits / total) vs random \(baseline / 40)")
    }

    @Test("every recommended item carries an explanation with its source and top features")
    func explanations() {
        let (_, r) = Fixtures.world(sessions: 1500)
        let page = r.recommend(for: Fixtures.viewer(3), limit: 20, now: Fixtures.start + 86400)
        #expect(page.items.count == 20)
        for item in page.items {
            #expect(item.explanation.source == item.source)
            #expect(!item.explanation.topFeatures.isEmpty)
            #expect(item.explanation.description.hasPrefix(item.explanation.kind.rawValue))
        }
        #expect(Set(page.items.map(\.source)).count >= 2, "a page mixes several sources")
    }
}
