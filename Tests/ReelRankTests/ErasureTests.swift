@testable import ReelRank
import Testing

/// `Recommender.erase(user:)`: a deleted account and its videos leave the engine and its snapshot.
@Suite("Erasure")
struct ErasureTests {
    static let erased: UInt64 = 0x7E57_E2A5_ED00_0042
    static let video: UInt64 = 0x7E57_E2A5_ED00_0077
    static let caption = "quixotic erasure caption"
    /// A viewer who follows the erased user and watched and liked their video.
    static let fan: UInt64 = 5

    /// Whether `needle` occurs anywhere in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0 ... haystack.count - needle.count).contains { start in haystack[start ..< start + needle.count].elementsEqual(needle) }
    }

    static func littleEndian(_ value: UInt64) -> [UInt8] { (0 ..< 8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    /// A world where the erased user watched, liked and followed, published a video and was followed.
    static func world() -> Recommender {
        let (world, recommender) = Fixtures.world(sessions: 1500, retrain: false)
        recommender.upsert(video: Fixtures.video(video, creator: erased, tags: ["quixotic"], sound: 9, caption: caption))
        for (n, other) in world.videos.prefix(12).enumerated() {
            recommender.record(Fixtures.watch(erased, other.id, at: Fixtures.start + Double(n)))
            recommender.record(InteractionEvent(user: erased, video: other.id, kind: .like, time: Fixtures.start + Double(n)))
        }
        recommender.setFollowing(user: erased, creator: world.videos[0].creator, isFollowing: true)
        recommender.setFollowing(user: fan, creator: erased, isFollowing: true)
        recommender.record(Fixtures.watch(fan, video, at: Fixtures.start + 50))
        recommender.record(InteractionEvent(user: fan, video: video, kind: .like, time: Fixtures.start + 51))
        recommender.record(Fixtures.watch(erased, video, at: Fixtures.start + 52))
        recommender.retrain()
        return recommender
    }

    @Test("the snapshot holds neither the user's ID nor their video's ID or caption, and still loads")
    func snapshotForgets() throws {
        let recommender = Self.world()
        let before = recommender.snapshot()
        let named = Self.contains(before, Self.littleEndian(Self.erased)) && Self.contains(before, Array(Self.caption.utf8))
        #expect(named, "the fixture must name the user and the caption, or the test proves nothing")

        recommender.erase(user: Self.erased)
        let after = recommender.snapshot()
        for (name, needle) in [("user ID", Self.littleEndian(Self.erased)), ("video ID", Self.littleEndian(Self.video)),
                               ("caption", Array(Self.caption.utf8)), ("hashtag", Array("quixotic".utf8))] {
            let found = Self.contains(after, needle)
            #expect(!found, "the snapshot still holds the \(name)")
        }
        let restored = try Recommender(snapshot: after)
        let same = restored.snapshot() == after
        #expect(same)
        let now = Fixtures.start + 90_000
        let page = restored.recommend(for: Fixtures.viewer(Self.fan), limit: 30, now: now)
        #expect(!page.items.isEmpty)
        #expect(!page.items.contains { $0.videoID == Self.video })
        #expect(!restored.popular(for: Fixtures.viewer(Self.fan), limit: 50, now: now).items.contains { $0.videoID == Self.video })
    }

    @Test("erasing twice, or an unknown user, changes nothing; the erased ID starts cold if it returns")
    func idempotent() throws {
        let recommender = Self.world()
        recommender.erase(user: Self.erased)
        let once = recommender.snapshot()
        recommender.erase(user: Self.erased)
        recommender.erase(user: 0xDEAD_BEEF)
        let same = recommender.snapshot() == once
        #expect(same)
        let page = recommender.recommend(for: Fixtures.viewer(Self.erased), limit: 10, now: Fixtures.start + 90_000)
        #expect(!page.items.isEmpty)
        recommender.retrain()
        let named = Self.contains(recommender.snapshot(), Self.littleEndian(Self.erased))
        #expect(!named)
    }

    @Test("a removed video's caption leaves the snapshot, and returns when the video is listed again")
    func removedCaption() {
        let recommender = Self.world()
        recommender.remove(videoID: Self.video)
        let gone = !Self.contains(recommender.snapshot(), Array(Self.caption.utf8))
        #expect(gone)
        recommender.upsert(video: Fixtures.video(Self.video, creator: Self.erased, tags: ["quixotic"], sound: 9, caption: Self.caption))
        let back = Self.contains(recommender.snapshot(), Array(Self.caption.utf8))
        #expect(back)
    }

    @Test("a retrain that ran across the erasure does not bring the erased rows back")
    func retrainAcrossErasure() throws {
        var (world, state) = Fixtures.state(sessions: 1500)
        state.upsert(Fixtures.video(Self.video, creator: Self.erased, caption: Self.caption))
        for (n, other) in world.videos.prefix(12).enumerated() { state.record(Fixtures.watch(Self.erased, other.id, at: Fixtures.start + Double(n))) }
        state.record(Fixtures.watch(Self.fan, Self.video, at: Fixtures.start + 50))
        state.record(InteractionEvent(user: Self.fan, video: Self.video, kind: .like, time: Fixtures.start + 51))
        state.retrain()
        let row = try #require(state.userRow[Self.erased]), slot = try #require(state.catalog.indexOfID[Self.video])
        // So that the test can fail: the retrain gives both a trained row and the video an ANN node.
        let trained = !state.als.userFactors.isZero(Int(row)) && !state.als.itemFactors.isZero(Int(slot)) && state.ann.contains(label: slot)
        #expect(trained)

        let job = state.retrainJob()
        let result = job.run()
        state.erase(user: Self.erased)
        state.install(result, from: job)
        let userRowZeroed = state.als.userFactors.isZero(Int(row)), videoRowZeroed = state.als.itemFactors.isZero(Int(slot))
        let videoIndexed = state.ann.contains(label: slot)
        #expect(userRowZeroed)
        #expect(videoRowZeroed)
        #expect(!videoIndexed)
    }
}
