import Foundation
import ReelCore
import ReelStore
import Testing

/// The behaviour log and the change log that several nodes follow: numbered in commit order, so a
/// follower that reads "after n" while writers are still committing never skips an entry.
@Suite("Region logs in commit order")
struct BehaviourLogTests {
    @Test("a follower reading while many writers append sees every entry once, in gapless order", arguments: StoreEngine.all)
    func concurrentAppenders(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let store = f.us, now = f.now
        let writers = 8, perWriter = 25
        let users = (0..<writers).map { _ in f.usIDs.next() }
        let videos = (0..<perWriter).map { _ in f.euIDs.next() }
        let expected = Set(users.flatMap { user in videos.map { "\(user)/\($0)" } })

        let seen = try await withThrowingTaskGroup(of: [BehaviourRecord].self) { group in
            for user in users {
                group.addTask {
                    for (index, video) in videos.enumerated() {
                        _ = try await store.like(user: user, video: video, at: now.addingTimeInterval(Double(index)))
                    }
                    return []
                }
            }
            // The follower: always continues after the last sequence it read, as a node does.
            group.addTask {
                var read: [BehaviourRecord] = []
                let deadline = ContinuousClock.now + .seconds(120)
                while read.count < expected.count, ContinuousClock.now < deadline {
                    read += try await store.behaviour(after: read.last?.sequence ?? 0, limit: 7)
                }
                return read
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(seen.count == expected.count, "no entry skipped, none read twice")
        #expect(Set(seen.map { "\($0.userID)/\($0.targetID)" }) == expected)
        #expect(seen.map(\.sequence) == Array(1...Int64(expected.count)), "sequence numbers without gaps, in read order")
        #expect(try await store.behaviourLogHead() == Int64(expected.count))
    }

    @Test("sign-outs, video changes and deletions are in the change log; counter updates are not", arguments: StoreEngine.all)
    func changeLog(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let person = f.account(f.usIDs.next(), handle: "person")
        try await f.us.insertAccount(person)
        let session = Session(id: f.usIDs.next(), userID: person.id, createdAt: f.now, expiresAt: f.now.addingTimeInterval(3600))
        try await f.us.insertSession(session)
        let video = Video(id: f.usIDs.next(), creatorID: person.id, caption: "hi", visibility: .public, createdAt: f.now)
        try await f.us.insertVideoWithJob(video, at: f.now)
        #expect(try await f.us.changeLogHead() == 0, "new rows change nothing a cache holds")

        _ = try await f.us.markVideoReady(id: video.id, durationMs: 1000, width: 360, height: 640)
        _ = try await f.us.adjustVideoCounters(id: video.id, views: 1, likes: 1)
        _ = try await f.us.updateVideo(id: video.id, caption: nil, visibility: .private)
        try await f.us.revokeSession(id: session.id, at: f.now)
        try await f.us.revokeSession(id: session.id, at: f.now.addingTimeInterval(1))
        #expect(try await f.us.deleteVideo(id: video.id))

        let changes = try await f.us.changes(after: 0, limit: 100)
        #expect(changes.map(\.kind) == [.video, .video, .session, .video])
        #expect(changes.map(\.id) == [video.id, video.id, session.id, video.id])
        #expect(changes.map(\.sequence) == [1, 2, 3, 4])
        #expect(try await f.us.changeLogHead() == 4)
        #expect(try await f.us.changes(after: 3, limit: 100).map(\.kind) == [.video])
    }

    @Test("erasure leaves no log entry naming the account, and follows of it go from other users' logs", arguments: StoreEngine.all)
    func erasure(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let person = f.account(f.usIDs.next(), handle: "person"), fan = f.account(f.usIDs.next(), handle: "fan")
        try await f.us.insertAccount(person)
        try await f.us.insertAccount(fan)
        let video = f.euIDs.next()
        _ = try await f.us.recordWatchEvents([f.watch("w1", user: person.id, video: video, at: f.now)])
        _ = try await f.us.like(user: person.id, video: video, at: f.now)
        _ = try await f.us.follow(follower: fan.id, followee: person.id, at: f.now)
        _ = try await f.us.like(user: fan.id, video: video, at: f.now)

        _ = try await f.us.removeFollowers(of: person.id)
        #expect(try await f.us.deleteAccount(id: person.id))
        let left = try await f.us.behaviour(after: 0, limit: 100)
        #expect(!left.contains { $0.userID == person.id || $0.targetID == person.id }, "\(left)")
        #expect(left.map(\.kind) == [.like], "the fan's own like stays")
    }
}
