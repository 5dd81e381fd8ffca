import ReelRank
import Testing

@Suite("Snapshots")
struct SnapshotTests {
    @Test("round-trip gives identical rankings and identical bytes")
    func roundTrip() throws {
        let (_, original) = Fixtures.world(sessions: 2000)
        original.setKeywordFilters(user: 3, ["dance"])
        original.block(user: 4, creator: 1_000_010)
        let bytes = original.snapshot()
        let restored = try Recommender(snapshot: bytes)
        #expect(restored.snapshot() == bytes)
        let now = Fixtures.start + 90_000
        for user in [1, 2, 3, 4, 5, 77, 999_999] as [UInt64] {
            let viewer = Fixtures.viewer(user, teen: user == 5)
            let a = original.recommend(for: viewer, limit: 20, now: now)
            let b = restored.recommend(for: viewer, limit: 20, now: now)
            #expect(a == b)
            #expect(!a.items.isEmpty)
        }
        #expect(restored.inspect() == original.inspect())
    }

    @Test("corruption, truncation and foreign bytes are rejected with an error")
    func corruptionRejected() {
        let recommender = Recommender()
        recommender.upsert(video: Fixtures.video(1, creator: 2))
        recommender.record(Fixtures.watch(1, 1))
        let bytes = recommender.snapshot()
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        #expect(throws: SnapshotError.checksumMismatch) { try Recommender(snapshot: flipped) }
        #expect(throws: SnapshotError.self) { try Recommender(snapshot: Array(bytes.dropLast(5))) }
        #expect(throws: SnapshotError.notASnapshot) { try Recommender(snapshot: Array("not a snapshot at all, sorry".utf8)) }
        var future = bytes
        future[8] = 99
        #expect(throws: SnapshotError.unsupportedVersion(99)) { try Recommender(snapshot: future) }
    }

    @Test("inspect names sizes, feature families and top weights")
    func inspectSummarises() {
        let (_, recommender) = Fixtures.world(sessions: 800, retrain: false)
        let text = recommender.inspect()
        #expect(text.contains("videos: 1500"))
        #expect(text.contains("FTRL-Proximal"))
        #expect(text.contains("top weights — completion"))
        #expect(text.contains("userHashtag"))
    }
}
