import Foundation
import ReelCore

/// One entry of a region's behaviour log (``BehaviourLog``), as the region's recommender applies it.
public struct BehaviourRecord: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable {
        /// A watch event.
        case watch
        /// A like.
        case like
        /// A like taken back.
        case unlike
        /// A share.
        case share
        /// A comment written.
        case comment
        /// "Not interested".
        case notInterested
        /// A follow; `targetID` is the creator.
        case follow
        /// A follow taken back; `targetID` is the creator.
        case unfollow
        /// The public listing of video `targetID` changed (published, edited or withdrawn): read the
        /// public index again. `userID` is the video's creator.
        case catalogue
    }

    /// Position in the region's log: assigned in commit order, so every entry a reader has not seen
    /// has a larger number than every entry it has (0 for a record not read from a log).
    public var sequence: Int64
    /// What happened.
    public var kind: Kind
    /// The acting user (always of this region).
    public var userID: ReelID
    /// The video, or the followed creator for `.follow` and `.unfollow`.
    public var targetID: ReelID
    /// Milliseconds watched (watch only).
    public var watchedMs: Int
    /// Video duration the client saw (watch only).
    public var durationMs: Int
    /// Playback reached the end (watch only).
    public var completed: Bool
    /// Watched again (watch only).
    public var replayed: Bool
    /// When, in Unix seconds.
    public var at: Double

    /// Creates a record.
    public init(sequence: Int64 = 0, kind: Kind, userID: ReelID, targetID: ReelID, watchedMs: Int = 0, durationMs: Int = 0,
                completed: Bool = false, replayed: Bool = false, at: Double) {
        self.sequence = sequence
        self.kind = kind
        self.userID = userID
        self.targetID = targetID
        self.watchedMs = watchedMs
        self.durationMs = durationMs
        self.completed = completed
        self.replayed = replayed
        self.at = at
    }
}
