/// Everything the recommender keeps about one viewer. Follows, blocks and filters are the
/// viewer's own choices and survive `refresh`; the rest is learned and is forgotten by it.
struct UserProfile: Sendable {
    /// One recent positive interaction, kept for fold-in and "because you watched".
    struct RecentItem: Sendable, Hashable {
        var video: Int32
        var strength: Float
        var time: Double
    }

    var following: Set<UInt64> = []
    var blockedCreators: Set<UInt64> = []
    var keywordFilters: [String] = []
    var notInterestedVideos: Set<UInt64> = []
    var notInterestedCreators: Set<UInt64> = []
    var notInterestedSounds: Set<UInt64> = []
    /// Videos already watched: never recommended again.
    var seen: Set<UInt64> = []
    var recent: [RecentItem] = []
    var hashtagAffinity: [UInt32: Float] = [:]
    var creatorAffinity: [UInt64: Float] = [:]
    var soundAffinity: [UInt64: Float] = [:]
    var eventCount = 0
    /// Events since the embedding model was last retrained (fold-in is used while > 0).
    var eventsSinceRetrain = 0
    /// Salt of this user's cross features; bumped by `refresh` so old learned weights stop applying.
    var generation: UInt64 = 0

    static let recentCapacity = 50
    static let affinityCapacity = 256

    /// Forgets learned state, keeping follows, blocks, filters, not-interested choices and the seen set.
    mutating func forgetLearnedState() {
        recent = []
        hashtagAffinity = [:]
        creatorAffinity = [:]
        soundAffinity = [:]
        eventCount = 0
        eventsSinceRetrain = 0
        generation &+= 1
    }

    mutating func remember(_ item: RecentItem) {
        recent.append(item)
        if recent.count > Self.recentCapacity { recent.removeFirst(recent.count - Self.recentCapacity) }
    }

    /// Adds `delta` to an affinity map, evicting the weakest entries once it grows past capacity.
    static func bump<Key: Hashable & Comparable>(_ map: inout [Key: Float], _ key: Key, by delta: Float) {
        map[key, default: 0] += delta
        if map.count > affinityCapacity {
            let weakest = map.sorted { (abs($0.value), $1.key) < (abs($1.value), $0.key) }
                .prefix(map.count - affinityCapacity / 2)
            for (k, _) in weakest { map[k] = nil }
        }
    }
}
