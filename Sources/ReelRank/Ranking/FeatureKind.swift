/// Families of ranking features; the raw value is part of every feature key, so never renumber.
public enum FeatureKind: UInt8, Sendable, Hashable, CaseIterable {
    case bias = 0
    case userHashtag = 1
    case userCreator = 2
    case userSound = 3
    case hashtag = 4
    case creator = 5
    case ageBucket = 6
    case completionRateBucket = 7
    case source = 8
    case durationBucket = 9
    case hashtagAffinityBucket = 10
    case creatorAffinityBucket = 11
    case trendingBucket = 12
    case embeddingBucket = 13
    case followsCreator = 14
    case video = 15
    case popularityBucket = 16
    /// Real-valued: log(1 + decayed trending score), so the model can order finely by momentum.
    case trendLevel = 17
    /// Real-valued: user · item embedding dot product.
    case tasteMatch = 18
}
