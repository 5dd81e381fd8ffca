/// Why one item was recommended: its source and the features that contributed most.
public struct Explanation: Sendable, Hashable, CustomStringConvertible {
    /// One contributing feature, with its contribution to the blended score (log-odds units).
    public struct Contribution: Sendable, Hashable {
        /// Human-readable feature name, e.g. "you × #cooking".
        public var feature: String
        /// Signed contribution; positive pushed the item up.
        public var weight: Double

        /// Creates a contribution.
        public init(feature: String, weight: Double) {
            self.feature = feature
            self.weight = weight
        }
    }

    /// The candidate source that produced the item.
    public var source: CandidateSource
    /// Extra detail for the source, e.g. the video it is related to.
    public var detail: String
    /// The strongest contributions, largest magnitude first (at most a handful).
    public var topFeatures: [Contribution]

    /// Creates an explanation.
    public init(source: CandidateSource, detail: String, topFeatures: [Contribution]) {
        self.source = source
        self.detail = detail
        self.topFeatures = topFeatures
    }

    /// A one-line human-readable explanation.
    public var description: String {
        var text = source.description
        if !detail.isEmpty { text += " (\(detail))" }
        if !topFeatures.isEmpty {
            let parts = topFeatures.map { c in
                let sign = c.weight >= 0 ? "+" : "−"
                let magnitude = (abs(c.weight) * 100).rounded() / 100
                return "\(c.feature) \(sign)\(magnitude)"
            }
            text += "; " + parts.joined(separator: ", ")
        }
        return text
    }
}

/// One recommended video.
public struct RecommendedItem: Sendable, Hashable {
    /// The video's ID.
    public var videoID: UInt64
    /// Final blended score after re-ranking adjustments (higher is better; comparable within a page).
    public var score: Double
    /// The candidate source.
    public var source: CandidateSource
    /// Why it was shown.
    public var explanation: Explanation

    /// Creates an item.
    public init(videoID: UInt64, score: Double, source: CandidateSource, explanation: Explanation) {
        self.videoID = videoID
        self.score = score
        self.source = source
        self.explanation = explanation
    }
}

/// A page of recommendations with an opaque cursor for the next page.
public struct RecommendationPage: Sendable, Hashable {
    /// The items, best first.
    public var items: [RecommendedItem]
    /// Pass back to get the next page; `nil` when nothing more can be served.
    public var nextCursor: String?

    /// Creates a page.
    public init(items: [RecommendedItem], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
