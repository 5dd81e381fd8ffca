import ReelRank
import Testing

/// Issue 10, item 10: For You never recommends a viewer their own uploads (their profile lists
/// those), personalised or not, and claims no For You reason for them.
@Suite("Own uploads stay out of For You")
struct OwnUploadsTests {
    static let creator: UInt64 = 500
    static let other: UInt64 = 600

    /// Creator 500's five videos are the most watched of the catalogue (watched by users 1–20 and
    /// by the creator), next to five of creator 600.
    static func recommender() -> Recommender {
        let recommender = Recommender(config: RecommenderConfig())
        for id in 1 ... UInt64(5) { recommender.upsert(video: Fixtures.video(id, creator: creator, tags: ["cooking"])) }
        for id in 6 ... UInt64(10) { recommender.upsert(video: Fixtures.video(id, creator: other, tags: ["cooking"])) }
        var time = Fixtures.start
        for user in [creator] + Array(1 ... UInt64(20)) {
            for video in 1 ... UInt64(5) {
                time += 10
                recommender.record(Fixtures.watch(user, video, at: time))
            }
        }
        recommender.retrain()
        return recommender
    }

    /// Every video of three rounds of `viewer`'s For You, two at a time.
    static func scrolled(_ recommender: Recommender, _ viewer: ViewerContext) -> [UInt64] {
        var served: [UInt64] = []
        var cursor: String?
        for _ in 0 ..< 15 {
            let page = recommender.recommend(for: viewer, limit: 2, cursor: cursor, now: Fixtures.start + 3600)
            served += page.items.map(\.videoID)
            guard let next = page.nextCursor else { break }
            cursor = next
        }
        return served
    }

    @Test("personalised and non-profiled For You never show the creator their own videos; others get them")
    func ownUploadsNeverRecommended() {
        let recommender = Self.recommender()
        for isPersonalized in [true, false] {
            let own = ViewerContext(userID: Self.creator, region: "eu", isEligibleForMatureContent: true, isPersonalized: isPersonalized)
            let served = Self.scrolled(recommender, own)
            #expect(!served.isEmpty, "personalised \(isPersonalized): the creator's For You is empty")
            #expect(served.allSatisfy { $0 > 5 }, "personalised \(isPersonalized): the creator was shown their own videos in \(served)")
            let stranger = ViewerContext(userID: 700, region: "eu", isEligibleForMatureContent: true, isPersonalized: isPersonalized)
            #expect(Self.scrolled(recommender, stranger).contains { $0 <= 5 })
        }
    }

    @Test("explain claims no For You reason for one's own video, nor for a not-interested one")
    func explainOwnUpload() {
        let recommender = Self.recommender()
        let now = Fixtures.start + 3600
        for isPersonalized in [true, false] {
            let own = ViewerContext(userID: Self.creator, region: "eu", isEligibleForMatureContent: true, isPersonalized: isPersonalized)
            #expect(recommender.explain(for: own, videoID: 1, now: now) == nil)
            #expect(recommender.explain(for: own, videoID: 6, now: now) != nil)
        }
        let stranger = Fixtures.viewer(700)
        #expect(recommender.explain(for: stranger, videoID: 1, now: now) != nil)
        recommender.record(InteractionEvent(user: 700, video: 7, kind: .notInterested, time: now))
        #expect(recommender.explain(for: stranger, videoID: 7, now: now) == nil)
    }
}
