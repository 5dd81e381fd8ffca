/// One user's watch or share of one video on one UTC day, as counted toward the video's trend
/// (``RecommenderState/trendCounted``).
struct TrendCount: Hashable, Sendable {
    /// The user's ID.
    var user: UInt64
    /// The video's catalogue index.
    var video: Int32
    /// A share (true) or a watch (false).
    var isShare: Bool
    /// Days since 1970-01-01 UTC.
    var day: Int32
}
