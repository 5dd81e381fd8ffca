import Foundation

/// Who may see a video.
public enum Visibility: String, Sendable, Codable, CaseIterable {
    /// Anyone, worldwide; replicated to the public index.
    case `public`
    /// The creator's followers only.
    case followers
    /// The creator only.
    case `private`
}

/// Where a video is in its pipeline.
public enum VideoStatus: String, Sendable, Codable, CaseIterable {
    /// Uploaded and waiting for, or in, transcoding.
    case processing
    /// Transcoded and playable.
    case ready
    /// Transcoding failed; ``Video/failureReason`` says why.
    case failed
}

/// A video as held in its creator's home region.
public struct Video: Sendable, Codable, Equatable {
    /// Region-tagged video ID (the creator's home region).
    public var id: ReelID
    /// The creator's user ID.
    public var creatorID: ReelID
    /// Caption as written, at most ``Video/maxCaptionLength`` characters.
    public var caption: String
    /// Hashtags parsed from the caption (``Hashtags/parse(_:)``), in order of first use.
    public var hashtags: [Hashtag]
    /// Who may see it.
    public var visibility: Visibility
    /// Pipeline status.
    public var status: VideoStatus
    /// Why processing failed, when ``status`` is `failed`.
    public var failureReason: String?
    /// Duration of the playable file, once ready.
    public var durationMs: Int?
    /// Width of the playable file, once ready.
    public var width: Int?
    /// Height of the playable file, once ready.
    public var height: Int?
    /// When it was uploaded.
    public var createdAt: Date
    /// Aggregate: watch events received.
    public var viewCount: Int
    /// Aggregate: likes.
    public var likeCount: Int
    /// Aggregate: comments.
    public var commentCount: Int
    /// Aggregate: shares.
    public var shareCount: Int
    /// Moderation restrictions in force (none for a new video); ``VideoPolicy`` applies them.
    public var restrictions: VideoRestrictions = []

    /// Longest caption accepted, in characters: Swift `Character`s, i.e. extended grapheme clusters
    /// (UAX #29), so an emoji of several code points (a flag, a family, a skin tone) counts as one.
    public static let maxCaptionLength = 2200

    /// Creates a video in `processing` with zero counters.
    public init(id: ReelID, creatorID: ReelID, caption: String, visibility: Visibility, createdAt: Date) {
        self.id = id
        self.creatorID = creatorID
        self.caption = caption
        hashtags = Hashtags.parse(caption)
        self.visibility = visibility
        status = .processing
        failureReason = nil
        durationMs = nil
        width = nil
        height = nil
        self.createdAt = createdAt
        viewCount = 0
        likeCount = 0
        commentCount = 0
        shareCount = 0
    }

    /// Replaces the caption and, parsed from it, the hashtags, so the two always agree.
    public mutating func setCaption(_ caption: String) {
        self.caption = caption
        hashtags = Hashtags.parse(caption)
    }
}
