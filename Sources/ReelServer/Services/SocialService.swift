import Foundation
import Logging
import ReelCore
import ReelSafety
import ReelStore

/// Follows, likes, comments, shares, watch events and "not interested".
///
/// Every behaviour row is written to the acting user's home region; the video's and the
/// creator's regions learn only aggregate counters.
struct SocialService: Sendable {
    /// Each region's follows, likes, shares, "not interested" marks and comments.
    let socialStores: RegionDirectory<any SocialStore>
    /// Each region's accounts, for follower, following and like counters.
    let accountStores: RegionDirectory<any AccountStore>
    /// Each region's videos, for their counters.
    let videoStores: RegionDirectory<any VideoStore>
    /// Each region's behaviour log, for watch events.
    let behaviour: RegionDirectory<any BehaviourLog>
    /// Each region's personal data, for removing an erased user's followers.
    let personalData: RegionDirectory<any PersonalDataStore>
    let publicIndex: any PublicIndexStore
    let ids: RegionIDs
    let access: VideoAccess
    let accounts: AccountService
    let recommender: any ForYouRecommender
    /// Whether a view or share raises the public counters: once per user per video per UTC day.
    let publicCounts: PublicCountGate
    /// Tells a private account's owner of a follow request, and the requester of its approval.
    let notifications: NotificationService

    /// The social store of `user`'s home region, where their actions are written.
    func home(_ user: ReelID) throws -> any SocialStore { try socialStores.store(for: user) }

    /// The user ID behind a handle.
    /// - Throws: ``ReelError`` 404.
    /// A profile hidden by moderation (suspended, terminated) is not found either.
    func profile(handle: String, now: Date = Date()) async throws -> PublicProfile {
        guard let profile = try await publicIndex.profile(handle: handle), !profile.isHidden(at: now) else { throw Self.noAccount(handle) }
        return profile
    }

    /// Follows (`isFollowing` true) or unfollows a user; idempotent. Following a private account
    /// one does not follow yet only asks: a follow request (in the viewer's home region) waits for
    /// its owner's approval. Unfollowing also withdraws a pending request. Returns the followee's
    /// profile and where the viewer now stands.
    /// - Throws: ``ReelError`` 404 for an unknown handle or when a block stands between the two
    ///   (either way), 422 `cannot_follow_self`.
    func setFollowing(_ viewer: ReelID, handle: String, isFollowing: Bool, now: Date = Date()) async throws -> (PublicProfile, FollowState) {
        let followee = try await profile(handle: handle)
        guard followee.userID != viewer else { throw ReelError.invalid("You cannot follow yourself.", code: "cannot_follow_self") }
        guard try await !access.isBlocked(viewer, followee.userID) else { throw Self.noAccount(handle) }
        var state = FollowState.none
        if !isFollowing {
            _ = try await home(viewer).removeRelationship(.followRequest, actor: viewer, target: followee.userID)
            try await applyFollow(viewer, followee: followee.userID, isFollowing: false, now: now)
        } else if followee.isPrivate, try await !home(viewer).isFollowing(follower: viewer, followee: followee.userID) {
            if try await home(viewer).addRelationship(.followRequest, actor: viewer, target: followee.userID, at: now) {
                try await notifyOfFollowRequest(to: followee.userID, now: now)
            }
            state = .requested
        } else {
            try await applyFollow(viewer, followee: followee.userID, isFollowing: true, now: now)
            state = .following
        }
        return (try await publicIndex.profile(userID: followee.userID) ?? followee, state)
    }

    /// The 404 for a handle that is unknown or hidden by a block (the same answer, so a block is not revealed).
    static func noAccount(_ handle: String) -> ReelError {
        ReelError(.notFound, code: "not_found", message: "No account has the handle @\(handle).")
    }

    /// Writes or removes the follow edge and, when it changed, both counters and the recommender's view.
    func applyFollow(_ viewer: ReelID, followee: ReelID, isFollowing: Bool, now: Date) async throws {
        let changed = isFollowing
            ? try await home(viewer).follow(follower: viewer, followee: followee, at: now)
            : try await home(viewer).unfollow(follower: viewer, followee: followee)
        guard changed else { return }
        let delta = isFollowing ? 1 : -1
        try await accountStores.store(for: viewer).adjustAccountCounters(id: viewer, following: delta)
        try await accountStores.store(for: followee).adjustAccountCounters(id: followee, followers: delta)
        try await accounts.republishProfile(of: viewer)
        try await accounts.republishProfile(of: followee)
        await recommender.observe(.followed(user: viewer, creator: followee, isFollowing: isFollowing, at: now),
                                  region: try ids.region(of: viewer))
    }

    /// Likes or unlikes a video; idempotent. Returns the video's like count.
    func setLiked(_ viewer: ReelID, video id: ReelID, isLiked: Bool, now: Date = Date()) async throws -> Int {
        let video = try await access.visibleVideo(id, to: viewer)
        return try await applyLike(viewer, video: id, isLiked: isLiked, now: now, known: video)?.likeCount ?? video.likeCount
    }

    /// Writes or removes the like and, when it changed, the counters and the recommender's view.
    /// `known` is the video when the caller has already read it; otherwise it is read only if the
    /// like changed. Returns the video after the change (nil when unchanged or when the video is gone).
    @discardableResult
    private func applyLike(_ viewer: ReelID, video id: ReelID, isLiked: Bool, now: Date, known: Video? = nil) async throws -> Video? {
        let changed = isLiked
            ? try await home(viewer).like(user: viewer, video: id, at: now)
            : try await home(viewer).unlike(user: viewer, video: id)
        guard changed else { return nil }
        var current = known
        if current == nil { current = try await videoStores.store(for: id).video(id: id) }
        guard let video = current else { return nil }
        let delta = isLiked ? 1 : -1
        let updated = try await adjustCounters(of: video, likes: delta)
        try await accountStores.store(for: video.creatorID).adjustAccountCounters(id: video.creatorID, likes: delta)
        try await accounts.republishProfile(of: video.creatorID)
        await recommender.observe(.interacted(user: viewer, video: id, kind: isLiked ? .like : .unlike, at: now),
                                  region: try ids.region(of: viewer))
        return updated
    }

    /// Records a share; the public share count rises only for the viewer's first share of the video
    /// in a UTC day (``PublicCountGate``), while the viewer's recommender learns from every one.
    /// Returns the video's share count.
    func share(_ viewer: ReelID, video id: ReelID, now: Date = Date()) async throws -> Int {
        let video = try await access.visibleVideo(id, to: viewer)
        try await home(viewer).recordShare(user: viewer, video: id, at: now)
        let counts = try await publicCounts.counts(.share, by: viewer, on: id)
        let updated = counts ? try await adjustCounters(of: video, shares: 1) : nil
        await recommender.observe(.interacted(user: viewer, video: id, kind: .share, at: now), region: try ids.region(of: viewer))
        return updated?.shareCount ?? video.shareCount + (counts ? 1 : 0)
    }

    /// Records "not interested"; idempotent. Popular and For You leave the video out for `viewer` from then on.
    /// - Throws: ``ReelError`` 404 when invisible, 400 `own_video` for the viewer's own video.
    func notInterested(_ viewer: ReelID, video id: ReelID, now: Date = Date()) async throws {
        let video = try await access.visibleVideo(id, to: viewer)
        guard video.creatorID != viewer else {
            throw ReelError.badRequest("You cannot mark your own video as not interesting.", code: "own_video")
        }
        if try await home(viewer).markNotInterested(user: viewer, video: id, at: now) {
            await recommender.observe(.interacted(user: viewer, video: id, kind: .notInterested, at: now), region: try ids.region(of: viewer))
        }
    }

    /// Writes a comment.
    /// - Throws: 422 for an empty or over-long body or one holding bidi controls, 404 for an invisible video, 403 `account_suspended`
    ///   or `account_terminated`.
    func comment(_ viewer: ReelID, on id: ReelID, body raw: String, now: Date = Date()) async throws -> Comment {
        let body = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Comment.maxLength).contains(body.count) else {
            throw ReelError.invalid("The comment must be 1–\(Comment.maxLength) characters.", code: "invalid_comment")
        }
        try BidiControls.refuse(in: body, field: "body")
        let video = try await access.visibleVideo(id, to: viewer)
        let author = try await accounts.account(viewer)
        try AccountService.checkStanding(author, now: now)
        let comment = Comment(id: ids.newID(in: try ids.region(of: viewer)), videoID: id, authorID: viewer,
                              authorHandle: author.handle, body: body, createdAt: now)
        try await home(viewer).insertComment(comment)
        let updated = try await adjustCounters(of: video, comments: 1)
        if let updated, try await access.isPubliclyListed(updated) { try await publicIndex.insertComment(comment) }
        await recommender.observe(.interacted(user: viewer, video: id, kind: .comment, at: now), region: try ids.region(of: viewer))
        return comment
    }

    /// Deletes a comment written by `viewer`, or on `viewer`'s video.
    /// - Throws: 404 unknown comment, 403 someone else's comment.
    func deleteComment(_ viewer: ReelID, comment id: ReelID) async throws {
        let store = try socialStores.store(for: id)
        guard let comment = try await store.comment(id: id) else { throw ReelError.notFound("comment") }
        let video = try await videoStores.store(for: comment.videoID).video(id: comment.videoID)
        guard comment.authorID == viewer || video?.creatorID == viewer else {
            throw ReelError.forbidden("You can only delete your own comments or comments on your videos.")
        }
        try await withdraw(comment, on: video)
    }

    /// Takes a comment down everywhere (its region, the public index, the video's count), for its
    /// author, the video's creator or a moderator. Returns whether it was still there.
    @discardableResult
    func withdraw(_ comment: Comment, on video: Video?) async throws -> Bool {
        guard try await socialStores.store(for: comment.id).deleteComment(id: comment.id) else { return false }
        try await publicIndex.removeComment(id: comment.id)
        if let video { try await adjustCounters(of: video, comments: -1) }
        return true
    }

    /// Puts back a comment a moderator removed (an upheld appeal), if its video still exists: its
    /// region, the video's count, and the public index when the video is listed. Idempotent.
    func restore(_ comment: Comment) async throws {
        guard let video = try await videoStores.store(for: comment.videoID).video(id: comment.videoID),
              try await socialStores.store(for: comment.id).comment(id: comment.id) == nil else { return }
        try await socialStores.store(for: comment.id).insertComment(comment)
        let updated = try await adjustCounters(of: video, comments: 1)
        if let updated, try await access.isPubliclyListed(updated) { try await publicIndex.insertComment(comment) }
    }

    /// Undoes everything `user` did that moved someone else's counters, as account deletion needs:
    /// the follows, likes and comments in `records` go (with the counts they raised), and so do the
    /// follow edges of every user, in any region, who follows them. Safe to run again after a crash.
    func withdrawActivity(of user: ReelID, records: PersonalRecords, now: Date = Date()) async throws {
        for follow in records.follows { try await applyFollow(user, followee: follow.targetID, isFollowing: false, now: now) }
        for like in records.likes { try await applyLike(user, video: like.targetID, isLiked: false, now: now) }
        for comment in records.comments { try await deleteComment(user, comment: comment.id) }
        for store in socialStores.all { try await store.removeRelationships(involving: user) }
        for store in personalData.all {
            for follower in try await store.removeFollowers(of: user) {
                try await accounts.republishProfile(of: follower)
                await recommender.observe(.followed(user: follower, creator: user, isFollowing: false, at: now),
                                          region: try ids.region(of: follower))
            }
        }
    }

    /// Comments on a video the viewer may see, newest first, without those the viewer must not or
    /// does not want to see: by an author whom moderation hides (suspended, terminated), by someone
    /// a block stands between them and the viewer, by someone the viewer muted, or (unless the
    /// viewer wrote it) matching the creator's comment filter. A page may hold fewer than `limit`
    /// comments when some were hidden; only a nil cursor ends the list.
    func comments(on id: ReelID, viewer: ReelID?, cursor: String?, limit: Int, now: Date = Date()) async throws -> Page<Comment> {
        let decision = try await access.visible(id, to: viewer)
        let relations = try await access.relations(of: viewer)
        let filter = CommentFilter(keywords: try await home(decision.video.creatorID).commentFilter(of: decision.video.creatorID))
        let before = try ReelID.cursor(cursor)
        var comments: [Comment]
        if decision.isPubliclyListed {
            comments = try await publicIndex.comments(on: id, before: before, limit: limit + 1)
        } else {
            // Comments on unlisted videos stay in their authors' regions: read each region's share.
            comments = []
            for store in socialStores.all {
                comments += try await store.comments(on: id, before: before, limit: limit + 1)
            }
            comments.sort { $0.id > $1.id }
        }
        let page = Array(comments.prefix(limit))
        let authors = try await access.profiles(page.map(\.authorID))
        let shown = page.filter { comment in
            authors[comment.authorID]?.isHidden(at: now) != true
                && (comment.authorID == viewer || (!relations.hidesComments(by: comment.authorID) && !filter.matches(comment.body)))
        }
        return Page(items: shown, nextCursor: comments.count > limit ? page.last.map { "\($0.id)" } : nil)
    }

    /// One watch event as a client reports it.
    struct WatchReport: Decodable {
        var id: String
        /// Kept as text so one malformed ID rejects that event, not the batch.
        var videoID: String
        var watchedMs: Int
        var durationMs: Int
        var completed: Bool
        var replayed: Bool?
        var at: Date?
    }

    /// What happened to a batch of watch events.
    struct WatchResult: Codable, Sendable {
        /// Newly stored.
        var accepted: Int
        /// Already stored earlier (a retry).
        var duplicates: Int
        /// Refused, with the event's id and the reason.
        var rejected: [Rejected]
        struct Rejected: Codable, Sendable {
            var id: String
            var code: String
            var message: String
        }
    }

    /// Largest batch of watch events accepted at once.
    static let maxBatch = 100

    /// Stores a batch of watch events idempotently (by the client's `id`); each raises the video's
    /// public view count only when it is the viewer's first view of it in the UTC day.
    /// - Throws: 422 for an empty or oversized batch.
    func recordWatches(_ viewer: ReelID, reports: [WatchReport], now: Date = Date()) async throws -> WatchResult {
        guard (1...Self.maxBatch).contains(reports.count) else {
            throw ReelError.invalid("The events array must hold 1–\(Self.maxBatch) events.", code: "invalid_batch")
        }
        var rejected: [WatchResult.Rejected] = []
        var events: [WatchEvent] = []
        var videos: [ReelID: Video] = [:]
        for report in reports {
            let validKey = (1...64).contains(report.id.count) && report.id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }
            guard validKey else {
                rejected.append(.init(id: report.id, code: "invalid_event_id", message: "The event id must be 1–64 characters of letters, digits and -_.:."))
                continue
            }
            guard report.watchedMs >= 0, report.durationMs > 0, report.watchedMs <= 100 * report.durationMs else {
                rejected.append(.init(id: report.id, code: "invalid_event", message: "The watchedMs must be ≥ 0 and durationMs > 0."))
                continue
            }
            guard let videoID = ReelID(report.videoID) else {
                rejected.append(.init(id: report.id, code: "unknown_video", message: "Video not found."))
                continue
            }
            do {
                videos[videoID] = try await access.visibleVideo(videoID, to: viewer)
            } catch {
                rejected.append(.init(id: report.id, code: "unknown_video", message: "Video not found."))
                continue
            }
            // Clients' clocks drift: keep their time only within the last day, never in the future.
            let at = report.at.map { min(now, max(now.addingTimeInterval(-86_400), $0)) } ?? now
            events.append(WatchEvent(clientEventID: report.id, userID: viewer, videoID: videoID, watchedMs: report.watchedMs,
                                     durationMs: report.durationMs, completed: report.completed, replayed: report.replayed ?? false, at: at))
        }
        let stored = try await behaviour.store(for: viewer).recordWatchEvents(events)
        let region = try ids.region(of: viewer)
        for event in stored {
            // A view counts publicly once per viewer, video and UTC day; the log above keeps every replay.
            if let video = videos[event.videoID], try await publicCounts.counts(.view, by: viewer, on: event.videoID) {
                videos[event.videoID] = try await adjustCounters(of: video, views: 1) ?? video
            }
            await recommender.observe(.watched(event), region: region)
        }
        return WatchResult(accepted: stored.count, duplicates: events.count - stored.count, rejected: rejected)
    }

    /// Applies counter deltas in the video's region and mirrors them to the public index.
    @discardableResult
    private func adjustCounters(of video: Video, views: Int = 0, likes: Int = 0, comments: Int = 0, shares: Int = 0) async throws -> Video? {
        let updated = try await videoStores.store(for: video.id)
            .adjustVideoCounters(id: video.id, views: views, likes: likes, comments: comments, shares: shares)
        if let updated, try await access.isPubliclyListed(updated) { try await publicIndex.updateCounters(of: updated) }
        return updated
    }
}
