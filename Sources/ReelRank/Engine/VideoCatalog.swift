/// The videos known to one recommender, stored column-wise by a dense index (struct-of-arrays),
/// with bounded recency indexes by creator, hashtag and sound, and per-video engagement counters.
struct VideoCatalog: Sendable {
    var indexOfID: [UInt64: Int32] = [:]
    var ids: [UInt64] = []
    var creators: [UInt64] = []
    var sounds: [UInt64?] = []
    var hashtags: [[UInt32]] = []
    var durationsMs: [UInt32] = []
    var uploadedAt: [Double] = []
    var regions: [UInt32] = []
    var safety: [SafetyState] = []
    var captions: [String] = []
    /// Watch events seen (each counts as an impression for the bandit and completion-rate features).
    var impressions: [UInt32] = []
    var completions: [UInt32] = []
    var likes: [UInt32] = []
    var shares: [UInt32] = []
    /// Trending score in log space: log Σ wᵢ·e^{tᵢ/τ}; ordering is time-invariant, value decays as e^{−now/τ}.
    var trendLog: [Double] = []
    var hashtagNames = Interner()
    var regionNames = Interner()
    var byCreator: [UInt64: [Int32]] = [:]
    var byHashtag: [UInt32: [Int32]] = [:]
    var bySound: [UInt64: [Int32]] = [:]
    /// Upload-ordered videos still young enough to be explored; pruned lazily.
    var freshQueue: [Int32] = []

    /// Newest videos kept per creator / hashtag / sound index entry.
    static let indexCapacity = 400

    var count: Int { ids.count }

    /// Adds or updates a video; returns its dense index.
    /// - Complexity: O(hashtags + indexCapacity) amortised.
    mutating func upsert(_ video: VideoMetadata) -> Int32 {
        let tags = video.hashtags.map { hashtagNames.intern($0.lowercased()) }
        let region = regionNames.intern(video.region)
        if let existing = indexOfID[video.id] {
            let i = Int(existing)
            creators[i] = video.creator
            sounds[i] = video.soundID
            hashtags[i] = tags
            durationsMs[i] = video.durationMs
            uploadedAt[i] = video.uploadedAt
            regions[i] = region
            safety[i] = video.safety
            captions[i] = video.caption.lowercased()
            return existing
        }
        let index = Int32(ids.count)
        indexOfID[video.id] = index
        ids.append(video.id)
        creators.append(video.creator)
        sounds.append(video.soundID)
        hashtags.append(tags)
        durationsMs.append(video.durationMs)
        uploadedAt.append(video.uploadedAt)
        regions.append(region)
        safety.append(video.safety)
        captions.append(video.caption.lowercased())
        impressions.append(0)
        completions.append(0)
        likes.append(0)
        shares.append(0)
        trendLog.append(-.infinity)
        Self.push(index, into: &byCreator[video.creator, default: []])
        for tag in Set(tags) { Self.push(index, into: &byHashtag[tag, default: []]) }
        if let sound = video.soundID { Self.push(index, into: &bySound[sound, default: []]) }
        freshQueue.append(index)
        return index
    }

    private static func push(_ index: Int32, into list: inout [Int32]) {
        list.append(index)
        if list.count > indexCapacity * 2 { list.removeFirst(list.count - indexCapacity) }
    }

    /// Smoothed completion rate (Beta(1, 2) prior) in (0, 1).
    func completionRate(_ i: Int) -> Double { (Double(completions[i]) + 1) / (Double(impressions[i]) + 3) }

    /// Trending score at `now` with time constant `tau` seconds.
    func trendScore(_ i: Int, now: Double, tau: Double) -> Double {
        trendLog[i] == -.infinity ? 0 : Math.exp(trendLog[i] - now / tau)
    }

    /// Adds `weight` at time `time` to a video's trending score.
    mutating func addTrend(_ i: Int, weight: Double, time: Double, tau: Double) {
        let term = Math.log(weight) + time / tau
        let current = trendLog[i]
        if current == -.infinity {
            trendLog[i] = term
        } else {
            let high = max(current, term)
            trendLog[i] = high + Math.log1p(Math.exp(-abs(current - term)))
        }
    }

    /// Whether any of a viewer's lowercase `keywords` occurs in the video's hashtags or caption.
    func matches(_ i: Int, keywords: [String]) -> Bool {
        guard !keywords.isEmpty else { return false }
        for word in keywords {
            if captions[i].contains(word) { return true }
            for tag in hashtags[i] where hashtagNames.name(tag).contains(word) { return true }
        }
        return false
    }
}

/// Maps strings to small dense integers and back.
struct Interner: Sendable, Hashable {
    private(set) var names: [String] = []
    private var ids: [String: UInt32] = [:]

    init() {}

    init(names: [String]) {
        for name in names { _ = intern(name) }
    }

    mutating func intern(_ name: String) -> UInt32 {
        if let id = ids[name] { return id }
        let id = UInt32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    func id(_ name: String) -> UInt32? { ids[name] }

    /// Gives `id` a new, unused `name`; the old name is forgotten.
    mutating func rename(_ id: UInt32, to name: String) {
        precondition(ids[name] == nil, "an interned name cannot be reused")
        ids[names[Int(id)]] = nil
        names[Int(id)] = name
        ids[name] = id
    }

    func name(_ id: UInt32) -> String { Int(id) < names.count ? names[Int(id)] : "?" }
}
