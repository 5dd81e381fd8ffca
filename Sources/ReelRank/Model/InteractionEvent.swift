/// The kind of a user's interaction with a video.
public enum InteractionKind: UInt8, Sendable, Hashable, CaseIterable {
    /// The video was shown and watched for `watchedMs` (a quick swipe is a watch with a small `watchedMs`).
    case watch = 0
    /// The viewer liked the video.
    case like = 1
    /// The viewer took a like back.
    case unlike = 2
    /// The viewer shared the video.
    case share = 3
    /// The viewer commented on the video.
    case comment = 4
    /// The viewer followed the video's creator from this video.
    case follow = 5
    /// The viewer unfollowed the video's creator from this video.
    case unfollow = 6
    /// "Not interested" on this video.
    case notInterested = 7
    /// "Not interested" in this video's creator.
    case notInterestedInCreator = 8
    /// "Not interested" in this video's sound.
    case notInterestedInSound = 9
}

/// One interaction event, as posted by clients. Times are Unix seconds, durations milliseconds.
public struct InteractionEvent: Sendable, Hashable {
    /// The acting user.
    public var user: UInt64
    /// The video acted on.
    public var video: UInt64
    /// What happened.
    public var kind: InteractionKind
    /// How long the video was watched (only meaningful for `.watch`), in milliseconds.
    public var watchedMs: UInt32
    /// The video's length as the client saw it, in milliseconds.
    public var durationMs: UInt32
    /// Whether the viewer reached the end.
    public var completed: Bool
    /// Whether the viewer watched it again.
    public var replayed: Bool
    /// When it happened, Unix seconds.
    public var time: Double
    /// The candidate source the item was served with, echoed back by the client; `nil` if unknown.
    public var source: CandidateSource?

    /// Creates an event; see the properties for units.
    public init(
        user: UInt64, video: UInt64, kind: InteractionKind, watchedMs: UInt32 = 0, durationMs: UInt32 = 0,
        completed: Bool = false, replayed: Bool = false, time: Double, source: CandidateSource? = nil
    ) {
        self.user = user
        self.video = video
        self.kind = kind
        self.watchedMs = watchedMs
        self.durationMs = durationMs
        self.completed = completed
        self.replayed = replayed
        self.time = time
        self.source = source
    }

    /// Implicit-feedback strength in [0, 3]: watch ratio (capped at 1), +0.5 for a replay,
    /// +1 for like/comment, +2 for share/follow; 0 for negative kinds.
    public var engagement: Float {
        switch kind {
        case .watch:
            let ratio = durationMs > 0 ? min(Float(watchedMs) / Float(durationMs), 1) : (completed ? 1 : 0)
            return (completed ? 1 : ratio) + (replayed ? 0.5 : 0)
        case .like, .comment: return 1
        case .share, .follow: return 2
        case .unlike, .unfollow, .notInterested, .notInterestedInCreator, .notInterestedInSound: return 0
        }
    }
}
