/// Each viewer's latest positives and, inverted, each video's latest viewers: what neighbourhood
/// trending (`RecommenderState.neighbourTrend`, user-based collaborative filtering on recent
/// behaviour) reads. Bounded both ways — `historyCapacity` positives per viewer, the newest
/// `viewerCapacity` viewers per video — so memory is O(users × history + videos × viewers) and a
/// request reads O(history × viewers) entries however large the catalogue or audience.
///
/// Kept apart from `UserProfile` because requests rank from a serving snapshot that holds no other
/// viewer's profile: this table is what a request may know of other viewers.
struct RecentViewers: Sendable {
    /// One remembered positive: the video slot, its strength in [0, 1] and when (Unix seconds).
    struct Positive: Sendable, Hashable {
        var video: Int32
        var strength: Float
        var time: Double
    }

    let historyCapacity: Int
    let viewerCapacity: Int
    /// Per viewer, their latest positives, oldest first, each video once.
    private(set) var histories: [UInt64: [Positive]] = [:]
    /// Per video slot, its latest viewers, oldest first.
    private(set) var viewers: [Int32: [UInt64]] = [:]

    init(historyCapacity: Int = 50, viewerCapacity: Int = 64) {
        self.historyCapacity = historyCapacity
        self.viewerCapacity = viewerCapacity
    }

    /// Records a positive of `user` on `video` (a repeat moves it to the newest end).
    /// - Complexity: O(historyCapacity + viewerCapacity)
    mutating func record(user: UInt64, _ positive: Positive) {
        var history = histories.removeValue(forKey: user) ?? []
        history.removeAll { $0.video == positive.video }
        history.append(positive)
        if history.count > historyCapacity {
            for old in history.prefix(history.count - historyCapacity) { unlink(user, from: old.video) }
            history.removeFirst(history.count - historyCapacity)
        }
        histories[user] = history
        var list = viewers.removeValue(forKey: positive.video) ?? []
        list.removeAll { $0 == user }
        list.append(user)
        if list.count > viewerCapacity {
            // The video forgets its oldest viewers; their histories keep it (they are found through other videos).
            list.removeFirst(list.count - viewerCapacity)
        }
        viewers[positive.video] = list
    }

    /// Forgets everything of `user` (a refresh or an erasure).
    /// - Complexity: O(historyCapacity × viewerCapacity)
    mutating func forget(user: UInt64) {
        guard let history = histories.removeValue(forKey: user) else { return }
        for positive in history { unlink(user, from: positive.video) }
    }

    /// Forgets every trace of the video slots `videos` (erased videos).
    /// - Complexity: O(users × historyCapacity)
    mutating func forget(videos: Set<Int32>) {
        for video in videos { viewers[video] = nil }
        for (user, history) in histories where history.contains(where: { videos.contains($0.video) }) {
            let kept = history.filter { !videos.contains($0.video) }
            histories[user] = kept.isEmpty ? nil : kept
        }
    }

    /// The latest viewers of `video`, oldest first.
    func viewers(of video: Int32) -> [UInt64] { viewers[video] ?? [] }

    /// The latest positives of `user`, oldest first.
    func history(of user: UInt64) -> [Positive] { histories[user] ?? [] }

    private mutating func unlink(_ user: UInt64, from video: Int32) {
        guard var list = viewers.removeValue(forKey: video) else { return }
        list.removeAll { $0 == user }
        if !list.isEmpty { viewers[video] = list }
    }
}
