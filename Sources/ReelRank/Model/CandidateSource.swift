/// Where a recommended item came from; each source is bounded and produced independently.
public enum CandidateSource: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A creator the viewer follows.
    case following = 0
    /// Nearest neighbours of the viewer's embedding.
    case embedding = 1
    /// Co-engaged with a video the viewer watched ("because you watched X").
    case coEngagement = 2
    /// Trending in the viewer's region, time-decayed.
    case trending = 3
    /// A fresh upload being explored by the bandit.
    case fresh = 4
    /// Matches a hashtag the viewer engages with.
    case hashtagAffinity = 5
    /// Uses a sound the viewer engages with.
    case soundAffinity = 6
    /// Popular worldwide (non-profiled fallback).
    case popularWorldwide = 7
    /// What viewers watched next after the viewer's latest videos (recency-weighted transitions).
    case sequence = 8
    /// A video the viewer watched before, brought back only when nothing unseen is left to show.
    case rewatch = 9
    /// A video served in an earlier round of the feed session but not watched, brought back when a
    /// new round starts because nothing unseen was left.
    case reshown = 10

    /// Human-readable phrase used in explanations.
    public var description: String {
        switch self {
        case .following: "from a creator you follow"
        case .embedding: "similar to what you watch"
        case .coEngagement: "because you watched a related video"
        case .trending: "trending in your region"
        case .fresh: "a new upload we are trying out"
        case .hashtagAffinity: "matches a hashtag you enjoy"
        case .soundAffinity: "uses a sound you enjoy"
        case .popularWorldwide: "popular worldwide"
        case .sequence: "what people watch next after your latest videos"
        case .rewatch: "you watched this before"
        case .reshown: "it was in your feed before"
        }
    }
}
