import ReelCore

/// One viewer's blocks (both ways) and mutes, read once per request for listings that show many
/// creators (feeds, hashtag pages, search, comment lists): the facts ``VideoPolicy`` rules 7 and 9 need.
struct ViewerRelations: Sendable, Equatable {
    /// Most blocks or mutes read for one direction of one viewer.
    static let limit = 10_000
    /// Users the viewer blocked or who blocked the viewer.
    var blocked: Set<ReelID>
    /// Users the viewer muted.
    var muted: Set<ReelID>

    /// A signed-out viewer's (nothing).
    static let none = ViewerRelations(blocked: [], muted: [])

    /// The viewer's relation to `creator`: `blocked` if a block stands between them, else `otherwise`.
    func relation(to creator: ReelID, otherwise: VideoPolicy.Relation) -> VideoPolicy.Relation {
        blocked.contains(creator) ? .blocked : otherwise
    }

    /// Whether comments by `author` leave the viewer's comment lists (a block either way, or a mute).
    func hidesComments(by author: ReelID) -> Bool { blocked.contains(author) || muted.contains(author) }
}
