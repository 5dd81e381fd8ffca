import Foundation

/// A comment, held in its author's home region (and in the public index when the video is public).
public struct Comment: Sendable, Codable, Equatable {
    /// Region-tagged comment ID (the author's home region).
    public var id: ReelID
    /// The video commented on.
    public var videoID: ReelID
    /// The author.
    public var authorID: ReelID
    /// The author's handle at the time of writing.
    public var authorHandle: String
    /// The text, 1–``Comment/maxLength`` characters.
    public var body: String
    /// When it was written.
    public var createdAt: Date

    /// Longest comment accepted, in characters.
    public static let maxLength = 500

    /// Creates a comment.
    public init(id: ReelID, videoID: ReelID, authorID: ReelID, authorHandle: String, body: String, createdAt: Date) {
        self.id = id
        self.videoID = videoID
        self.authorID = authorID
        self.authorHandle = authorHandle
        self.body = body
        self.createdAt = createdAt
    }
}
