import Foundation
import ReelCore

/// The worldwide index of public content (handles, public profiles, listed videos, public comments,
/// hashtags, search and the Popular ranking), whatever the engine. It holds nothing personal.
///
/// Search methods take terms from ``SearchText/terms(_:)``, match each as a prefix, require all, rank
/// with ``SearchRelevance`` and page with a ``SearchPosition``; every engine gives the same answers.
/// Opening an index never changes its schema: ``migrate()`` does.
public protocol PublicIndexStore: Sendable {
    /// Where the data lives, for operators: a file path, or a database URL without its password.
    var location: String { get }
    /// Creates or upgrades the schema with every migration not yet applied (idempotent).
    func migrate() async throws
    /// Reserves `profile.handle` for its user and publishes the profile.
    /// - Throws: ``ReelError`` `handle_taken` (409) when another user holds the handle.
    func claimHandle(_ profile: PublicProfile) async throws
    /// Removes a user's profile (releasing the handle) and their public videos and comments.
    func removeUser(_ userID: ReelID) async throws
    /// Removes what deleted rows leave behind in the index's own files, after an erasure: on
    /// SQLite the deleted terms still in the full-text indexes' older segments (by merging them,
    /// `optimize`) and the older page images in the write-ahead log (checkpointed and truncated).
    /// PostgreSQL keeps dead row versions until vacuum and has nothing to do here (see docs/deployment.md, "Erasure and deleted data").
    /// - Complexity: O(search index) on SQLite, for the merge.
    func scrubDeletedRows() async throws
    /// Replaces a user's public profile, and its search entries.
    func updateProfile(_ profile: PublicProfile) async throws
    /// The public profile for a handle (any case).
    func profile(handle: String) async throws -> PublicProfile?
    /// The public profile of a user.
    func profile(userID: ReelID) async throws -> PublicProfile?
    /// The public profiles of `userIDs` that exist, in no particular order: one query for a page
    /// of videos by many creators, instead of one per creator.
    func profiles(userIDs: [ReelID]) async throws -> [PublicProfile]
    /// Publishes or refreshes a public video, its hashtags and its search entry.
    func upsertVideo(_ video: PublicVideo) async throws
    /// Replaces the caption and hashtags of a listed video. Returns whether the video was listed.
    @discardableResult
    func updateCaption(of id: ReelID, caption: String, hashtags: [Hashtag]) async throws -> Bool
    /// Withdraws a video (and its tags, comments and search entry). Returns whether it was listed.
    @discardableResult
    func removeVideo(id: ReelID) async throws -> Bool
    /// A listed video.
    func video(id: ReelID) async throws -> PublicVideo?
    /// Listed videos by ID, in no particular order; unknown IDs are skipped.
    func videos(ids: [ReelID]) async throws -> [PublicVideo]
    /// Every listed video in ID order, a page at a time.
    func allVideos(after cursor: ReelID?, limit: Int) async throws -> [PublicVideo]
    /// Creators' listed videos, newest first, older than `cursor`.
    func videos(createdBy creators: [ReelID], before cursor: ReelID?, limit: Int) async throws -> [PublicVideo]
    /// Listed videos with a hashtag key, newest first, older than `cursor`.
    func videos(taggedWith tag: String, before cursor: ReelID?, limit: Int) async throws -> [PublicVideo]
    /// Copies aggregate counters of a listed video.
    func updateCounters(of video: Video) async throws
    /// Publishes a comment on a listed video. A comment on a video that is not listed (not yet, or
    /// no longer) is skipped: the publisher copies a video's comments when it lists it.
    func insertComment(_ comment: Comment) async throws
    /// Withdraws a comment.
    func removeComment(id: ReelID) async throws
    /// Public comments on a video, newest first, older than `cursor`.
    func comments(on video: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Comment]
    /// Columns of every table, for the allow-list test (see ``PublicIndex/allowedColumns``).
    func schema() async throws -> [String: [String]]
    /// Listed videos ranked by worldwide engagement with time decay as of `now`, strictly after
    /// `bound` when given (see ``PublicIndex/popularRanking(now:halfLife:after:limit:)`` for the score).
    func popularRanking(now: Date, halfLife: TimeInterval, after bound: PopularityEntry?, limit: Int) async throws -> [PopularityEntry]
    /// Listed videos of public accounts matching every term, best first, then newest.
    func searchVideos(_ terms: [String], after position: SearchPosition?, limit: Int) async throws -> SearchPage<PublicVideo>
    /// Profiles matching every term, best first, then newest account.
    func searchProfiles(_ terms: [String], after position: SearchPosition?, limit: Int) async throws -> SearchPage<PublicProfile>
    /// Hashtags whose key starts with the terms run together, most used first, then by key.
    func searchHashtags(_ terms: [String], after position: SearchPosition?, limit: Int) async throws -> SearchPage<HashtagSummary>
}

extension PublicIndexStore {
    /// The first `limit` entries of the Popular ranking as of `now`.
    public func popularRanking(now: Date, halfLife: TimeInterval, limit: Int) async throws -> [PopularityEntry] {
        try await popularRanking(now: now, halfLife: halfLife, after: nil, limit: limit)
    }
}

/// One video's place in the worldwide popularity ranking.
public struct PopularityEntry: Sendable, Hashable {
    /// The listed video.
    public var id: ReelID
    /// Its engagement score with time decay at the ranking's instant (higher ranks first; ties by
    /// larger ID first).
    public var score: Double

    /// Creates an entry.
    public init(id: ReelID, score: Double) {
        self.id = id
        self.score = score
    }

    /// Whether `self` ranks strictly after `other`: lower score, or the same score and a smaller ID.
    public func ranksAfter(_ other: PopularityEntry) -> Bool {
        score < other.score || (score == other.score && id < other.id)
    }
}
