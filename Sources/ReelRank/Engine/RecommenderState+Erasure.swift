/// Erasing a user: the recommender keeps nothing that names them or their videos.
extension RecommenderState {
    /// The ID written in place of an erased user's or video's ID in the dense arrays
    /// (`userIDs`, `catalog.ids`, `catalog.creators`): Reel never issues 0 as an ID.
    static let erasedID: UInt64 = 0

    /// Forgets `user` entirely: their profile (follows, filters, history, affinities), their row of
    /// the embedding model and their training rows, every video they created (ID, creator, caption,
    /// hashtags, counters, trending, co-engagement and index entries, its embedding in the ANN
    /// index), the global model's weights for them as a creator and for their videos, and every other
    /// viewer's reference to them or their videos (follows, blocks, affinities, seen and not-interested
    /// sets, recent items, training rows). Unlike ``refresh(user:)`` nothing of theirs is kept.
    ///
    /// Dense indexes stay valid: an erased video keeps its slot, as a removed video with no ID
    /// (``erasedID``), and an erased user's embedding row stays, zeroed, under ``erasedID``; a hashtag
    /// no remaining video uses keeps its number under a placeholder name (`Interner.retire(_:)`).
    /// - Complexity: O(catalogue + users × their sets + training rows + co-engagement edges + features).
    mutating func erase(user: UInt64) {
        guard user != Self.erasedID else { return }
        changeCount &+= 1
        let videos = catalog.creators.indices.filter { catalog.creators[$0] == user && catalog.ids[$0] != Self.erasedID }
        let videoIDs = Set(videos.map { catalog.ids[$0] })
        let slots = Set(videos.map(Int32.init))
        let tags = Set(videos.flatMap { catalog.hashtags[$0] })
        ranker.forget(keys: Set(videoIDs.map { Feature(.video, $0).key } + [Feature(.creator, user).key]))
        for i in videos { eraseVideo(at: i) }
        if !tags.isEmpty {
            // A hashtag only the erased videos used is their text: its name goes too.
            var live = Set<UInt32>()
            for i in catalog.hashtags.indices where catalog.safety[i] != .removed { live.formUnion(catalog.hashtags[i]) }
            for tag in tags.subtracting(live) { catalog.hashtagNames.retire(tag) }
        }
        eraseUserRow(user)
        users[user] = nil
        for id in users.keys {
            users[id]!.forget(creator: user, videos: videoIDs, slots: slots)
        }
        if !slots.isEmpty {
            coEngagement.remove(videos: slots)
            transitions.remove(videos: slots)
            coOccurrence.remove(videos: slots)
            dropTrainingRows { _, item in slots.contains(item) }
        }
    }

    /// Empties video slot `i`: no ID, creator, caption, hashtags or counters; out of every index.
    private mutating func eraseVideo(at i: Int) {
        let slot = Int32(i)
        regionBoards[catalog.regions[i]]?.remove(slot, scores: catalog.trendLog)
        globalBoard.remove(slot, scores: catalog.trendLog)
        ann.remove(label: slot)
        catalog.erase(at: i, erasedID: Self.erasedID)
        if i < als.itemFactors.rows { als.itemFactors.setRow(i, [Float](repeating: 0, count: als.dimension)) }
    }

    /// Drops the user's embedding row (zeroed, renamed ``erasedID``) and their training rows.
    private mutating func eraseUserRow(_ user: UInt64) {
        guard let row = userRow.removeValue(forKey: user) else { return }
        userIDs[Int(row)] = Self.erasedID
        dropTrainingRows { user, _ in user == row }
        if Int(row) < als.userFactors.rows {
            als.userFactors.setRow(Int(row), [Float](repeating: 0, count: als.dimension))
        }
    }

    /// Zeroes the embedding rows of erased users and videos and drops erased videos from the ANN
    /// index again: a retrain that ran across an erasure started from a copy that still had them.
    /// - Complexity: O((users + videos) × dimension).
    mutating func clearErasedRows() {
        let zero = [Float](repeating: 0, count: als.dimension)
        for row in userIDs.indices where userIDs[row] == Self.erasedID && row < als.userFactors.rows {
            als.userFactors.setRow(row, zero)
        }
        for i in catalog.ids.indices where catalog.ids[i] == Self.erasedID {
            if i < als.itemFactors.rows { als.itemFactors.setRow(i, zero) }
            ann.remove(label: Int32(i))
        }
    }

    /// Removes the training triples whose (user row, video slot) satisfies `isDropped`, keeping the others' order.
    private mutating func dropTrainingRows(where isDropped: (Int32, Int32) -> Bool) {
        var keep = 0
        for n in trainUsers.indices where !isDropped(trainUsers[n], trainItems[n]) {
            trainUsers[keep] = trainUsers[n]
            trainItems[keep] = trainItems[n]
            trainStrengths[keep] = trainStrengths[n]
            keep += 1
        }
        trainUsers.removeLast(trainUsers.count - keep)
        trainItems.removeLast(trainItems.count - keep)
        trainStrengths.removeLast(trainStrengths.count - keep)
    }
}

extension VideoCatalog {
    /// Empties slot `i` (an erased creator's video): its ID becomes `erasedID`, it is removed, and
    /// it leaves the creator, hashtag, sound and fresh indexes.
    /// - Complexity: O(index entries of its creator, hashtags and sound + fresh queue).
    mutating func erase(at i: Int, erasedID: UInt64) {
        let slot = Int32(i)
        indexOfID[ids[i]] = nil
        byCreator[creators[i]]?.removeAll { $0 == slot }
        if byCreator[creators[i]]?.isEmpty == true { byCreator[creators[i]] = nil }
        for tag in hashtags[i] { byHashtag[tag]?.removeAll { $0 == slot } }
        if let sound = sounds[i] { bySound[sound]?.removeAll { $0 == slot } }
        freshQueue.removeAll { $0 == slot }
        ids[i] = erasedID
        creators[i] = erasedID
        sounds[i] = nil
        hashtags[i] = []
        captions[i] = ""
        safety[i] = .removed
        impressions[i] = 0
        completions[i] = 0
        likes[i] = 0
        shares[i] = 0
        trendLog[i] = -.infinity
    }
}

extension Interner {
    /// Replaces the name of `id` by a placeholder no hashtag can spell (a control character and
    /// the number), keeping every number as it is; the old name, if interned again, gets a new number.
    mutating func retire(_ id: UInt32) {
        guard Int(id) < names.count else { return }
        rename(id, to: "\u{1}\(id)")
    }
}

extension UserProfile {
    /// Forgets an erased `creator` and their videos (by ID and by catalogue slot).
    mutating func forget(creator: UInt64, videos: Set<UInt64>, slots: Set<Int32>) {
        following.remove(creator)
        blockedCreators.remove(creator)
        notInterestedCreators.remove(creator)
        creatorAffinity[creator] = nil
        guard !videos.isEmpty else { return }
        seen.subtract(videos)
        notInterestedVideos.subtract(videos)
        recent.removeAll { slots.contains($0.video) }
    }
}

extension CoEngagementTable {
    /// Drops every edge from or to one of `videos`.
    /// - Complexity: O(edges).
    mutating func remove(videos: Set<Int32>) {
        var kept: [Int32: [Edge]] = [:]
        for (from, list) in edges where !videos.contains(from) {
            let rest = list.filter { !videos.contains($0.video) }
            if !rest.isEmpty { kept[from] = rest }
        }
        self = CoEngagementTable(capacity: capacity, edges: kept)
    }
}
