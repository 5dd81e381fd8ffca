import Foundation
import Synchronization
import ReelCore
import ReelStore
import Testing

/// Behaviour that every engine must share and that the older suites reach only through HTTP:
/// the behaviour replay, personal-data export and erasure, listings, edits and migrations.
@Suite("Region store engines behave alike", .dropsPostgresSchemas)
struct EngineParityTests {
    @Test("the behaviour log holds every kind of behaviour once, in commit order, and continues from a sequence",
          arguments: StoreEngine.all)
    func replay(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let user = f.usIDs.next(), video = f.euIDs.next(), creator = f.euIDs.next()
        _ = try await f.us.recordWatchEvents([f.watch("w1", user: user, video: video, at: f.now)])
        _ = try await f.us.like(user: user, video: video, at: f.now.addingTimeInterval(1))
        try await f.us.recordShare(user: user, video: video, at: f.now.addingTimeInterval(2))
        try await f.us.insertComment(Comment(id: f.usIDs.next(), videoID: video, authorID: user, authorHandle: "u", body: "hi",
                                             createdAt: f.now.addingTimeInterval(3)))
        _ = try await f.us.markNotInterested(user: user, video: f.euIDs.next(), at: f.now.addingTimeInterval(4))
        _ = try await f.us.follow(follower: user, followee: creator, at: f.now.addingTimeInterval(5))
        _ = try await f.us.unlike(user: user, video: video)
        _ = try await f.us.unfollow(follower: user, followee: creator)

        let all = try await f.us.behaviour(after: 0, limit: 100)
        #expect(all.map(\.kind) == [.watch, .like, .share, .comment, .notInterested, .follow, .unlike, .unfollow])
        #expect(all.map(\.sequence) == Array(1...8), "numbered from 1 without gaps")
        #expect(all.first == BehaviourRecord(sequence: 1, kind: .watch, userID: user, targetID: video, watchedMs: 10_000,
                                             durationMs: 10_000, completed: true, at: f.now.timeIntervalSince1970))
        #expect(all[7].targetID == creator)
        #expect(try await f.us.behaviourLogHead() == 8)
        #expect(try await f.us.behaviour(after: 2, limit: 2).map(\.kind) == [.share, .comment], "a page after a sequence")

        let published = f.usIDs.next()
        try await f.us.appendCatalogueChange(video: published, creator: user, at: f.now)
        _ = try await f.us.like(user: user, video: f.euIDs.next(), at: f.now.addingTimeInterval(6))
        let later = try await f.us.behaviour(after: 8, limit: 100)
        #expect(later.map(\.kind) == [.catalogue, .like], "only what was added after the sequence")
        #expect(later.first?.targetID == published)
    }

    @Test("personal records hold everything about a user; erasure leaves nothing and lowers followers' counts",
          arguments: StoreEngine.all)
    func personalData(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let person = f.account(f.usIDs.next(), handle: "person")
        let fan = f.account(f.usIDs.next(), handle: "fan")
        try await f.us.insertAccount(person)
        try await f.us.insertAccount(fan)
        let video = Video(id: f.usIDs.next(), creatorID: person.id, caption: "Hello #World", visibility: .public, createdAt: f.now)
        try await f.us.insertVideoWithJob(video, at: f.now)
        _ = try await f.us.like(user: person.id, video: video.id, at: f.now)
        _ = try await f.us.recordWatchEvents([f.watch("w", user: person.id, video: video.id)])
        _ = try await f.us.follow(follower: fan.id, followee: person.id, at: f.now)
        try await f.us.adjustAccountCounters(id: fan.id, following: 1)

        let records = try await f.us.personalRecords(of: person.id)
        #expect(records.likes.map(\.targetID) == [video.id])
        #expect(records.watchEvents.count == 1)
        #expect(records.videos == [video])

        #expect(try await f.us.removeFollowers(of: person.id) == [fan.id])
        #expect(try await f.us.account(id: fan.id)?.followingCount == 0)
        #expect(try await f.us.deleteAccount(id: person.id))
        #expect(try await !f.us.deleteAccount(id: person.id))
        #expect(try await f.us.account(id: person.id) == nil)
        for table in ["likes", "watchEvents", "follows"] {
            #expect(try await f.rowCount(table, in: f.us) == 0, "\(table)")
        }
    }

    @Test("listings filter by visibility and status and page by ID; edits re-parse hashtags", arguments: StoreEngine.all)
    func listingsAndEdits(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let creator = f.usIDs.next()
        var ids: [ReelID] = []
        for n in 0..<4 {
            let video = Video(id: f.usIDs.next(), creatorID: creator, caption: "clip \(n)", visibility: n == 1 ? .private : .public,
                              createdAt: f.now)
            try await f.us.insertVideoWithJob(video, at: f.now)
            _ = try await f.us.markVideoReady(id: video.id, durationMs: 1000, width: 360, height: 640)
            ids.append(video.id)
        }
        let page = try await f.us.videos(createdBy: [creator], visibilities: [.public], statuses: [.ready], before: nil, limit: 2)
        #expect(page.map(\.id) == [ids[3], ids[2]])
        let next = try await f.us.videos(createdBy: [creator], visibilities: [.public], statuses: [.ready], before: ids[2], limit: 2)
        #expect(next.map(\.id) == [ids[0]])

        let edit = try #require(try await f.us.updateVideo(id: ids[0], caption: "Now with #Café", visibility: .followers))
        #expect(edit.before.hashtags.isEmpty)
        #expect(edit.after.hashtags == [Hashtag(display: "Café", key: "café")])
        #expect(try await f.us.video(id: ids[0]) == edit.after)
        #expect(try await f.us.updateVideo(id: f.usIDs.next(), caption: "x", visibility: nil) == nil)
        #expect(try await f.us.adjustVideoCounters(id: ids[3], views: 2, likes: -1)?.viewCount == 2)
    }

    @Test("migrate() is idempotent and the schema is the engine's own", arguments: StoreEngine.all)
    func migrations(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let tables = try await f.us.tableNames()
        try await f.us.migrate()
        #expect(try await f.us.tableNames() == tables)
        let expected = engine == .sqlite
            ? ["anonymousReporters", "appeals", "behaviourLog", "caseActions", "caseReports", "changeLog", "commentFilters", "comments", "dailyCounts",
               "follows", "likes", "moderationCases", "notInterested", "notifications", "rateLimits", "regionKeys", "relationships",
               "reports", "sessions", "shares", "staff", "staffSessions", "statements", "transcodeJobs", "users", "videos", "watchEvents"]
            : ["anonymous_reporters", "appeals", "behaviour_log", "case_actions", "case_reports", "change_log", "comment_filters", "comments", "daily_counts",
               "follows", "likes", "log_heads", "moderation_cases", "not_interested", "notifications", "rate_limits", "region_keys",
               "relationships", "reports", "sessions", "shares", "staff", "staff_sessions", "statements", "transcode_jobs", "users",
               "videos", "watch_events"]
        #expect(tables == expected)
    }
}
