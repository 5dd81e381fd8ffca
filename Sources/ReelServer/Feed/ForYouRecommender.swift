import Foundation
import Logging
import ReelCore
import ReelStore

/// The viewer a For You page is made for.
struct Viewer: Sendable {
    /// The signed-in user.
    var userID: ReelID
    /// Their home region (whose recommender serves them).
    var region: RegionDefinition
    /// Whether they allow profiling; when false only the non-profiled feed is used.
    var isPersonalised: Bool
    /// Whether they are under 18 (age-restricted content is withheld).
    var isTeen: Bool
    /// Accounts whose videos they must not be shown (blocked or muted by them, or blocking them), so
    /// the recommender chooses, and ends For You, among the videos they may see.
    var hiddenCreators: Set<ReelID> = []
}

/// One recommended video and why it was chosen.
struct Recommendation: Sendable, Equatable {
    var videoID: ReelID
    /// Short machine tag of the source, e.g. `trending`, `popular`.
    var source: String
    /// Why, as data; creator handles and captions may still be missing (``FeedService`` fills them).
    var why: WhyReason
}

/// A page of recommendations with an opaque cursor for the next one.
struct RecommendationPage: Sendable {
    var items: [Recommendation]
    var nextCursor: String?
}

/// Behaviour that a recommender learns from, reported as it happens.
enum BehaviourSignal: Sendable {
    /// A new, deduplicated watch event.
    case watched(WatchEvent)
    /// A like, unlike, share, comment or "not interested".
    case interacted(user: ReelID, video: ReelID, kind: InteractionKind, at: Date)
    /// A follow (true) or unfollow (false).
    case followed(user: ReelID, creator: ReelID, isFollowing: Bool, at: Date)
    /// A video became public and ready.
    case published(PublicVideo)
    /// A video (by `creator`) was withdrawn or deleted.
    case withdrawn(ReelID, creator: ReelID)
    /// An account was deleted: every region's recommender forgets it and its videos, and the saved
    /// snapshots are rewritten at once. Sent to the account's home region; it reaches every region.
    case forgotten(user: ReelID)
}

/// The seam between the server and the For You recommender: the server asks for pages and
/// reports behaviour; how candidates are found and ranked is the recommender's business.
protocol ForYouRecommender: Sendable {
    /// The next page of For You for `viewer`.
    func forYou(for viewer: Viewer, cursor: String?, limit: Int) async throws -> RecommendationPage
    /// Why `video` would be shown to `viewer`.
    func explain(_ video: ReelID, for viewer: Viewer) async throws -> Recommendation?
    /// Learns from a signal. Signals of one region are only ever sent to that region's recommender.
    func observe(_ signal: BehaviourSignal, region: RegionDefinition) async
}
