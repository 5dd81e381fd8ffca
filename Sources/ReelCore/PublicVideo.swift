import Foundation

/// The public face of a ready, public video: what the worldwide public index holds.
/// Holds nothing personal: aggregate counters only, no viewer behind them.
public struct PublicVideo: Sendable, Codable, Equatable {
    /// Video ID (carries the creator's home region).
    public var id: ReelID
    /// Creator's user ID.
    public var creatorID: ReelID
    /// Creator's public handle.
    public var creatorHandle: String
    /// Caption.
    public var caption: String
    /// Hashtags with display form and key, in order of first use.
    public var hashtags: [Hashtag]
    /// Duration in milliseconds.
    public var durationMs: Int
    /// Width of the playable file.
    public var width: Int
    /// Height of the playable file.
    public var height: Int
    /// Upload time.
    public var createdAt: Date
    /// Aggregate views.
    public var viewCount: Int
    /// Aggregate likes.
    public var likeCount: Int
    /// Aggregate comments.
    public var commentCount: Int
    /// Aggregate shares.
    public var shareCount: Int
    /// The moderation restrictions that keep it out of some public listings (``VideoRestrictions/listable``):
    /// public, since viewers are shown the label.
    public var restrictions: VideoRestrictions

    /// The public projection of `video`, made by `creatorHandle`.
    /// - Precondition: ``VideoPolicy/isPubliclyListed(_:creator:)`` holds for `video` and its creator.
    public init(_ video: Video, creatorHandle: String) {
        id = video.id
        creatorID = video.creatorID
        self.creatorHandle = creatorHandle
        caption = video.caption
        hashtags = video.hashtags
        durationMs = video.durationMs ?? 0
        width = video.width ?? 0
        height = video.height ?? 0
        createdAt = video.createdAt
        viewCount = video.viewCount
        likeCount = video.likeCount
        commentCount = video.commentCount
        shareCount = video.shareCount
        restrictions = video.restrictions.intersection(.listable)
    }
}
