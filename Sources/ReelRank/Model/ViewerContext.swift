/// Who is asking for a feed, and what they may see.
public struct ViewerContext: Sendable, Hashable {
    /// The viewer's user ID.
    public var userID: UInt64
    /// The viewer's region code, used for trending and non-profiled feeds.
    public var region: String
    /// Whether the viewer may see age-restricted videos (false for teens).
    public var isEligibleForMatureContent: Bool
    /// Whether the viewer allows a profiled (personalised) feed; false gives the non-profiled feed.
    public var isPersonalized: Bool
    /// Creators whose videos this viewer must not be shown, as the server knows them at request
    /// time (accounts the viewer blocked or muted, or that blocked the viewer). Excluded when
    /// candidates are chosen, so pages, rounds and the end of For You count only what the viewer may
    /// see; ``Recommender/block(user:creator:)`` adds to the same rule from the learned profile.
    public var hiddenCreators: Set<UInt64>

    /// Creates a viewer context.
    public init(userID: UInt64, region: String, isEligibleForMatureContent: Bool, isPersonalized: Bool = true,
                hiddenCreators: Set<UInt64> = []) {
        self.userID = userID
        self.region = region
        self.isEligibleForMatureContent = isEligibleForMatureContent
        self.isPersonalized = isPersonalized
        self.hiddenCreators = hiddenCreators
    }
}
