/// Moderation state of a video, as decided by the safety pipeline.
public enum SafetyState: UInt8, Sendable, Hashable, CaseIterable {
    /// Reviewed and allowed everywhere.
    case ok = 0
    /// Not yet reviewed: may appear on a creator's profile or a follower's feed, never in For You.
    case unverified = 1
    /// Taken down: never recommended anywhere.
    case removed = 2
    /// Allowed only for viewers who are eligible for mature content (never teens).
    case ageRestricted = 3
}

/// What the recommender knows about one video. IDs are opaque `UInt64`s owned by the server.
public struct VideoMetadata: Sendable, Hashable {
    /// The video's ID.
    public var id: UInt64
    /// The uploading creator's user ID.
    public var creator: UInt64
    /// Hashtags without `#`, any case (compared lowercased).
    public var hashtags: [String]
    /// The sound (audio track) the video uses, if any.
    public var soundID: UInt64?
    /// Length in milliseconds.
    public var durationMs: UInt32
    /// Upload time in Unix seconds.
    public var uploadedAt: Double
    /// Region code the video was uploaded in (e.g. "eu").
    public var region: String
    /// Moderation state.
    public var safety: SafetyState
    /// Caption text, matched by viewers' keyword filters.
    public var caption: String

    /// Creates video metadata; see the properties for units.
    public init(
        id: UInt64, creator: UInt64, hashtags: [String], soundID: UInt64? = nil, durationMs: UInt32,
        uploadedAt: Double, region: String, safety: SafetyState = .ok, caption: String = ""
    ) {
        self.id = id
        self.creator = creator
        self.hashtags = hashtags
        self.soundID = soundID
        self.durationMs = durationMs
        self.uploadedAt = uploadedAt
        self.region = region
        self.safety = safety
        self.caption = caption
    }
}
