/// Families of ranking features; the raw value is part of every feature key, so never renumber.
public enum FeatureKind: UInt8, Sendable, Hashable, CaseIterable {
    /// Always on: the base rate.
    case bias = 0
    /// This viewer × one of the video's hashtags (salted per user and refresh generation).
    case userHashtag = 1
    /// This viewer × the video's creator.
    case userCreator = 2
    /// This viewer × the video's sound.
    case userSound = 3
    /// One of the video's hashtags, for everyone.
    case hashtag = 4
    /// The video's creator, for everyone.
    case creator = 5
    /// ⌊log₂(hours since upload + 1)⌋. Retired (a replay artefact); the number stays reserved.
    case ageBucket = 6
    /// The video's smoothed completion rate in tenths (99 while under 5 views).
    case completionRateBucket = 7
    /// The candidate source the item was served from.
    case source = 8
    /// ⌊log₂(length in seconds + 1)⌋.
    case durationBucket = 9
    /// The viewer's strongest affinity among the video's hashtags, in half units.
    case hashtagAffinityBucket = 10
    /// The viewer's affinity to the creator, in half units.
    case creatorAffinityBucket = 11
    /// ⌊log₂(decayed trending score + 1)⌋. Retired (`trendLevel` carries it); the number stays reserved.
    case trendingBucket = 12
    /// User · item embedding match, bucketed.
    case embeddingBucket = 13
    /// The viewer follows the creator.
    case followsCreator = 14
    /// The video itself (its own track record).
    case video = 15
    /// ⌊log₂(views + 1)⌋. Retired (a replay artefact); the number stays reserved.
    case popularityBucket = 16
    /// Real-valued: log(1 + decayed trending score), so the model can order finely by momentum.
    case trendLevel = 17
    /// Real-valued: user · item embedding dot product.
    case tasteMatch = 18
    /// Real-valued: recency-weighted probability that viewers go on to this video from the
    /// viewer's latest ones (`SequenceSignals.next`).
    case sequenceScore = 19
    /// Real-valued: recency-weighted co-engagement with the viewer's latest videos (`SequenceSignals.together`).
    case coEngagementScore = 20
    /// Real-valued: the retrieving source's own rank-normalised score, one weight per source, so
    /// the ranker learns how much each source's ordering is worth (cross-source calibration).
    case sourcePrior = 21
    /// Real-valued: recency-weighted cosine similarity of the video to the viewer's latest videos
    /// over viewers' histories (`SequenceSignals.similar`, item-based collaborative filtering).
    case itemSimilarity = 22
}
