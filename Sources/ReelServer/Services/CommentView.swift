import Foundation
import Hummingbird
import ReelCore

/// A comment as the API returns it: the stored comment plus the hashtags of its body, so clients
/// link exactly the server's tags (`{display, key}`, as on videos) and never parse text themselves.
struct CommentView: Codable, Sendable, Equatable, ResponseEncodable {
    var id: ReelID
    var videoID: ReelID
    var authorID: ReelID
    var authorHandle: String
    var body: String
    var createdAt: Date
    /// The body's hashtags in order of first use, parsed by ``Hashtags/parse(_:)``.
    var hashtags: [Hashtag]

    init(_ comment: Comment) {
        id = comment.id
        videoID = comment.videoID
        authorID = comment.authorID
        authorHandle = comment.authorHandle
        body = comment.body
        createdAt = comment.createdAt
        hashtags = Hashtags.parse(comment.body)
    }
}
