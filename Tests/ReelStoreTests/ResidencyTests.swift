import Foundation
import ReelCore
import ReelStore
import Testing

/// One kind of write of personal data, made by `user` about `object` (a video, session, comment
/// or followee ID, depending on the kind).
enum PersonalWrite: String, CaseIterable, Sendable {
    case account, session, like, follow, share, notInterested, watchEvents, comment, video

    /// The table the write lands in.
    var table: String {
        switch self {
        case .account: "users"
        case .session: "sessions"
        case .like: "likes"
        case .follow: "follows"
        case .share: "shares"
        case .notInterested: "notInterested"
        case .watchEvents: "watchEvents"
        case .comment: "comments"
        case .video: "videos"
        }
    }

    func perform(on store: any RegionStore, user: ReelID, object: ReelID, at date: Date) async throws {
        switch self {
        case .account:
            try await store.insertAccount(Account(id: user, handle: "person", email: "person@example.com", passwordHash: "x", country: "DE",
                                                  birthDate: "1990-01-01", displayName: "P", isPrivate: false, createdAt: date))
        case .session:
            try await store.insertSession(Session(id: object, userID: user, createdAt: date, expiresAt: date.addingTimeInterval(3600)))
        case .like:
            _ = try await store.like(user: user, video: object, at: date)
        case .follow:
            _ = try await store.follow(follower: user, followee: object, at: date)
        case .share:
            try await store.recordShare(user: user, video: object, at: date)
        case .notInterested:
            _ = try await store.markNotInterested(user: user, video: object, at: date)
        case .watchEvents:
            _ = try await store.recordWatchEvents([WatchEvent(clientEventID: "e1", userID: user, videoID: object, watchedMs: 1000,
                                                              durationMs: 1000, completed: true, replayed: false, at: date)])
        case .comment:
            try await store.insertComment(Comment(id: object, videoID: object, authorID: user, authorHandle: "person", body: "hi", createdAt: date))
        case .video:
            try await store.insertVideoWithJob(Video(id: object, creatorID: user, caption: "#x", visibility: .private, createdAt: date), at: date)
        }
    }
}

@Suite("Residency guard of region stores", .dropsPostgresSchemas)
struct ResidencyTests {
    @Test("a store refuses personal data of a user from another region and writes nothing", arguments: StoreEngine.all, PersonalWrite.allCases)
    func foreignUser(_ engine: StoreEngine, _ write: PersonalWrite) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let euUser = f.euIDs.next()
        await expectReelError("residency_violation", kind: .internal) {
            try await write.perform(on: f.us, user: euUser, object: f.usIDs.next(), at: f.now)
        }
        #expect(try await f.rowCount(write.table, in: f.us) == 0)

        // The same write for a resident user is accepted, so the refusal was about the region.
        try await write.perform(on: f.us, user: f.usIDs.next(), object: f.usIDs.next(), at: f.now)
        #expect(try await f.rowCount(write.table, in: f.us) == 1)
        // And the foreign user's own home store takes it.
        try await write.perform(on: f.eu, user: euUser, object: f.euIDs.next(), at: f.now)
        #expect(try await f.rowCount(write.table, in: f.eu) == 1)
    }

    @Test("a session, comment or video whose own ID is of another region is refused, even for a resident user",
          arguments: StoreEngine.all, [PersonalWrite.session, .comment, .video])
    func foreignObjectID(_ engine: StoreEngine, _ write: PersonalWrite) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        await expectReelError("residency_violation", kind: .internal) {
            try await write.perform(on: f.us, user: f.usIDs.next(), object: f.euIDs.next(), at: f.now)
        }
        #expect(try await f.rowCount(write.table, in: f.us) == 0)
    }

    @Test("unlike and unfollow of a foreign user are refused too", arguments: StoreEngine.all)
    func foreignRemovals(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let euUser = f.euIDs.next()
        await expectReelError("residency_violation") { _ = try await f.us.unlike(user: euUser, video: f.usIDs.next()) }
        await expectReelError("residency_violation") { _ = try await f.us.unfollow(follower: euUser, followee: f.usIDs.next()) }
    }

    @Test("a batch of watch events with one foreign viewer is refused whole", arguments: StoreEngine.all)
    func mixedWatchBatch(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let video = f.usIDs.next()
        let batch = [f.watch("ok", user: f.usIDs.next(), video: video), f.watch("foreign", user: f.euIDs.next(), video: video)]
        await expectReelError("residency_violation") { _ = try await f.us.recordWatchEvents(batch) }
        #expect(try await f.rowCount("watchEvents", in: f.us) == 0)
    }

    @Test("a video stored in the US holds a job in the US file only; other region files stay empty", arguments: StoreEngine.all)
    func nothingLeaksToOtherFiles(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        for write in PersonalWrite.allCases {
            try await write.perform(on: f.us, user: f.usIDs.next(), object: f.usIDs.next(), at: f.now)
        }
        #expect(try await f.rowCount("transcodeJobs", in: f.us) == 1)
        for write in PersonalWrite.allCases {
            #expect(try await f.rowCount(write.table, in: f.us) == 1, "\(write.table)")
            #expect(try await f.rowCount(write.table, in: f.eu) == 0, "\(write.table)")
        }
    }
}
