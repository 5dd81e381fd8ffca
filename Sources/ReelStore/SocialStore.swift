import Foundation
import ReelCore

/// Follows, likes, shares, "not interested" marks and comments written by one region's users.
///
/// Rows live in the acting user's home region; writes refuse an actor of another region. Follow
/// requests, blocks, mutes and comment filters are its ``RelationshipStore`` part.
public protocol SocialStore: RelationshipStore {
    /// Records that `follower` (who lives here) follows `followee`. Returns false if it already did.
    func follow(follower: ReelID, followee: ReelID, at date: Date) async throws -> Bool
    /// Removes a follow edge. Returns false if there was none.
    func unfollow(follower: ReelID, followee: ReelID) async throws -> Bool
    /// Whether `follower` follows `followee`.
    func isFollowing(follower: ReelID, followee: ReelID) async throws -> Bool
    /// Everyone `follower` follows, most recent first (at most `limit`).
    func followees(of follower: ReelID, limit: Int) async throws -> [ReelID]
    /// Records a like. Returns false if the user already liked the video.
    func like(user: ReelID, video: ReelID, at date: Date) async throws -> Bool
    /// Removes a like. Returns false if there was none.
    func unlike(user: ReelID, video: ReelID) async throws -> Bool
    /// Which of `videos` the user has liked.
    func likedVideos(user: ReelID, among videos: [ReelID]) async throws -> Set<ReelID>
    /// Which of `videos` the user marked "not interested".
    func notInterestedVideos(user: ReelID, among videos: [ReelID]) async throws -> Set<ReelID>
    /// Records a share.
    func recordShare(user: ReelID, video: ReelID, at date: Date) async throws
    /// Records "not interested". Returns false if already recorded.
    func markNotInterested(user: ReelID, video: ReelID, at date: Date) async throws -> Bool
    /// Stores a comment written by a user who lives here (the comment's ID is of this region too).
    func insertComment(_ comment: Comment) async throws
    /// The comment with this ID.
    func comment(id: ReelID) async throws -> Comment?
    /// Deletes a comment. Returns whether a row was deleted.
    func deleteComment(id: ReelID) async throws -> Bool
    /// Deletes every comment this region's users wrote on a video (the video was deleted).
    func deleteComments(onVideo video: ReelID) async throws
    /// Comments on a video written by this region's users, newest first, older than `cursor`.
    func comments(on video: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Comment]
}

extension SocialStore {
    /// Everyone `follower` follows, most recent first (at most 5000).
    public func followees(of follower: ReelID) async throws -> [ReelID] {
        try await followees(of: follower, limit: 5000)
    }
}
