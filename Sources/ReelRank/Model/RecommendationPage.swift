/// Why one item was recommended: a structured reason a client can turn into a sentence (the kind
/// and the video, creator or hashtag it refers to) and, as detail, the strongest model features.
public struct Explanation: Sendable, Hashable, CustomStringConvertible {
    /// The kind of reason, one per sentence a client shows.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Watched together with a video the viewer watched (`relatedVideo`, by `creator`).
        case becauseYouWatched
        /// Engaged with together with a video the viewer liked, shared or commented on but has not
        /// watched (`relatedVideo`, by `creator`): the evidence is activity, not a watch.
        case becauseOfYourActivity
        /// Viewers often go on to it after a video the viewer watched (`relatedVideo`, by `creator`).
        case watchedNext
        /// Close to the viewer's taste; `relatedVideo` is the recently watched video it is most like, if any.
        case similarToYourTaste
        /// A new upload of a creator the viewer follows (`creator`).
        case followingNewUpload
        /// Popular in the viewer's region now.
        case popularInRegion
        /// Popular worldwide now.
        case popularWorldwide
        /// A new upload Reel is trying out with a few viewers (`creator`).
        case newUpload
        /// Has a hashtag the viewer engages with (`hashtag`).
        case matchesHashtag
        /// Uses a sound the viewer engages with.
        case usesSound
        /// The viewer has watched it before: brought back because nothing new is left to show.
        case watchedBefore
        /// It was in the viewer's feed before (not watched): brought back in a new round of the
        /// session because nothing new is left to show.
        case seenBefore
        /// The viewer turned personalisation off: popular in their region and worldwide.
        case personalisationOff
        /// Personalisation is off and the video was served earlier in the session (the cursor's
        /// earlier rounds, not the viewer's history): brought back because nothing new is left.
        case seenBeforePersonalisationOff
    }

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

    /// The reason's kind.
    public var kind: Kind
    /// The candidate source that produced the item.
    public var source: CandidateSource
    /// The video the reason refers to ("because you watched X"), if any.
    public var relatedVideo: UInt64?
    /// The creator the reason refers to (of `relatedVideo`, or the followed or new creator), if any.
    public var creator: UInt64?
    /// The hashtag the reason refers to, if any.
    public var hashtag: String?
    /// The strongest contributions, largest magnitude first (at most a handful): the model detail.
    public var topFeatures: [Contribution]

    /// Creates an explanation.
    public init(kind: Kind, source: CandidateSource, relatedVideo: UInt64? = nil, creator: UInt64? = nil,
                hashtag: String? = nil, topFeatures: [Contribution]) {
        self.kind = kind
        self.source = source
        self.relatedVideo = relatedVideo
        self.creator = creator
        self.hashtag = hashtag
        self.topFeatures = topFeatures
    }

    /// The reason's kind and referents on one line, then the model detail, for logs and tests.
    public var description: String {
        var text = kind.rawValue
        if let relatedVideo { text += " video=\(relatedVideo)" }
        if let creator { text += " creator=\(creator)" }
        if let hashtag { text += " #\(hashtag)" }
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

    /// The viewer has watched it, or was shown it, before: brought back only because nothing unseen was left.
    public var isRewatch: Bool { source == .rewatch || source == .reshown }
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
