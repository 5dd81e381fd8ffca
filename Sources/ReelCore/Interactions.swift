import Foundation

/// One report of watching a video, stored in the viewer's home region.
///
/// `clientEventID` is the client's idempotency key: the same key from the same viewer
/// is stored once however often it is retried.
public struct WatchEvent: Sendable, Codable, Equatable {
    /// The client's idempotency key (1–64 URL-safe characters).
    public var clientEventID: String
    /// The viewer.
    public var userID: ReelID
    /// The video watched.
    public var videoID: ReelID
    /// Milliseconds actually watched (may exceed the duration when replayed).
    public var watchedMs: Int
    /// The video's duration as the client saw it.
    public var durationMs: Int
    /// Whether playback reached the end.
    public var completed: Bool
    /// Whether the viewer watched it again.
    public var replayed: Bool
    /// When it happened, per the client (clamped by the server to the recent past).
    public var at: Date

    /// Creates a watch event.
    public init(clientEventID: String, userID: ReelID, videoID: ReelID, watchedMs: Int, durationMs: Int,
                completed: Bool, replayed: Bool, at: Date) {
        self.clientEventID = clientEventID
        self.userID = userID
        self.videoID = videoID
        self.watchedMs = watchedMs
        self.durationMs = durationMs
        self.completed = completed
        self.replayed = replayed
        self.at = at
    }

    /// Share of the video watched, 0...1 (replays count as complete).
    public var completionRatio: Double {
        guard durationMs > 0 else { return completed || replayed ? 1 : 0 }
        return completed || replayed ? 1 : min(1, Double(watchedMs) / Double(durationMs))
    }
}

/// A behaviour signal other than watching, as fed to the recommender.
public enum InteractionKind: String, Sendable, Codable {
    /// A like.
    case like
    /// A like taken back.
    case unlike
    /// A share.
    case share
    /// A comment written.
    case comment
    /// "Not interested" in the video.
    case notInterested
}
