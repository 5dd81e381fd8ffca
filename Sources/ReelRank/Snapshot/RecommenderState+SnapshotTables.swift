/// Catalogue and user-profile sections of the snapshot.
extension RecommenderState {
    private typealias R = ByteReader

    func writeCatalog(_ p: inout ByteWriter) {
        let c = catalog
        p.array(c.hashtagNames.names) { $0.string($1) }
        p.array(c.regionNames.names) { $0.string($1) }
        p.array(c.ids) { $0.u64($1) }
        p.array(c.creators) { $0.u64($1) }
        p.array(c.sounds) { w, s in
            w.bool(s != nil)
            w.u64(s ?? 0)
        }
        p.array(c.hashtags) { w, tags in w.array(tags) { $0.u32($1) } }
        p.array(c.durationsMs) { $0.u32($1) }
        p.array(c.uploadedAt) { $0.f64($1) }
        p.array(c.regions) { $0.u32($1) }
        p.array(c.safety) { $0.u8($1.rawValue) }
        p.array(c.captions) { $0.string($1) }
        for counters in [c.impressions, c.completions, c.likes, c.shares] { p.array(counters) { $0.u32($1) } }
        p.array(c.trendLog) { $0.f64($1) }
        Self.writeIndex(c.byCreator, &p)
        Self.writeIndex(c.byHashtag.reduce(into: [UInt64: [Int32]]()) { $0[UInt64($1.key)] = $1.value }, &p)
        Self.writeIndex(c.bySound, &p)
        p.array(c.freshQueue) { $0.u32(UInt32(bitPattern: $1)) }
    }

    mutating func readCatalog(_ r: inout ByteReader) throws(SnapshotError) {
        var c = VideoCatalog()
        c.hashtagNames = Interner(names: try r.array { r throws(SnapshotError) in try r.string() })
        c.regionNames = Interner(names: try r.array { r throws(SnapshotError) in try r.string() })
        c.ids = try r.array { r throws(SnapshotError) in try r.u64() }
        c.creators = try r.array { r throws(SnapshotError) in try r.u64() }
        c.sounds = try r.array { r throws(SnapshotError) in
            let present = try r.bool()
            let value = try r.u64()
            return present ? value : nil
        }
        c.hashtags = try r.array { r throws(SnapshotError) in try r.array { r throws(SnapshotError) in try r.u32() } }
        c.durationsMs = try r.array { r throws(SnapshotError) in try r.u32() }
        c.uploadedAt = try r.array { r throws(SnapshotError) in try r.f64() }
        c.regions = try r.array { r throws(SnapshotError) in try r.u32() }
        c.safety = try r.array { r throws(SnapshotError) in
            guard let s = SafetyState(rawValue: try r.u8()) else { throw .malformed("safety state") }
            return s
        }
        c.captions = try r.array { r throws(SnapshotError) in try r.string() }
        c.impressions = try r.array { r throws(SnapshotError) in try r.u32() }
        c.completions = try r.array { r throws(SnapshotError) in try r.u32() }
        c.likes = try r.array { r throws(SnapshotError) in try r.u32() }
        c.shares = try r.array { r throws(SnapshotError) in try r.u32() }
        c.trendLog = try r.array { r throws(SnapshotError) in try r.f64() }
        let n = c.ids.count
        let columns = [c.creators.count, c.sounds.count, c.hashtags.count, c.durationsMs.count, c.uploadedAt.count,
                       c.regions.count, c.safety.count, c.captions.count, c.impressions.count, c.completions.count,
                       c.likes.count, c.shares.count, c.trendLog.count]
        guard columns.allSatisfy({ $0 == n }),
              c.hashtags.allSatisfy({ $0.allSatisfy { Int($0) < c.hashtagNames.names.count } }),
              c.regions.allSatisfy({ Int($0) < c.regionNames.names.count }) else { throw .malformed("catalogue columns") }
        c.byCreator = try Self.readIndex(&r, videos: n)
        c.byHashtag = try Self.readIndex(&r, videos: n).reduce(into: [:]) { $0[UInt32(truncatingIfNeeded: $1.key)] = $1.value }
        c.bySound = try Self.readIndex(&r, videos: n)
        c.freshQueue = try r.array { r throws(SnapshotError) in Int32(bitPattern: try r.u32()) }
        guard c.freshQueue.allSatisfy({ $0 >= 0 && Int($0) < n }) else { throw .malformed("fresh queue") }
        for (i, id) in c.ids.enumerated() where id != Self.erasedID { c.indexOfID[id] = Int32(i) }
        catalog = c
    }

    private static func writeIndex(_ index: [UInt64: [Int32]], _ p: inout ByteWriter) {
        p.array(index.keys.sorted()) { w, key in
            w.u64(key)
            w.array(index[key]!) { $0.u32(UInt32(bitPattern: $1)) }
        }
    }

    private static func readIndex(_ r: inout ByteReader, videos: Int) throws(SnapshotError) -> [UInt64: [Int32]] {
        let entries = try r.array { r throws(SnapshotError) in
            (try r.u64(), try r.array { r throws(SnapshotError) in Int32(bitPattern: try r.u32()) })
        }
        var index: [UInt64: [Int32]] = [:]
        for (key, list) in entries {
            guard list.allSatisfy({ $0 >= 0 && Int($0) < videos }) else { throw .malformed("video index") }
            index[key] = list
        }
        return index
    }

    func writeUsers(_ p: inout ByteWriter) {
        p.array(users.keys.sorted()) { w, id in
            let u = users[id]!
            w.u64(id)
            for set in [u.following, u.blockedCreators, u.notInterestedVideos, u.notInterestedCreators,
                        u.notInterestedSounds, u.seen] { w.array(set.sorted()) { $0.u64($1) } }
            w.array(u.keywordFilters) { $0.string($1) }
            w.array(u.recent) { w, item in
                w.u32(UInt32(bitPattern: item.video))
                w.f32(item.strength)
                w.f64(item.time)
            }
            w.array(u.hashtagAffinity.sorted { $0.key < $1.key }) { w, e in
                w.u32(e.key)
                w.f32(e.value)
            }
            for map in [u.creatorAffinity, u.soundAffinity] {
                w.array(map.sorted { $0.key < $1.key }) { w, e in
                    w.u64(e.key)
                    w.f32(e.value)
                }
            }
            w.int(u.eventCount)
            w.int(u.eventsSinceRetrain)
            w.u64(u.generation)
        }
    }

    mutating func readUsers(_ r: inout ByteReader) throws(SnapshotError) {
        let videos = catalog.count
        let list = try r.array { r throws(SnapshotError) -> (UInt64, UserProfile) in
            let id = try r.u64()
            var u = UserProfile()
            let readSet = { (r: inout R) throws(SnapshotError) -> Set<UInt64> in
                Set(try r.array { r throws(SnapshotError) in try r.u64() })
            }
            u.following = try readSet(&r)
            u.blockedCreators = try readSet(&r)
            u.notInterestedVideos = try readSet(&r)
            u.notInterestedCreators = try readSet(&r)
            u.notInterestedSounds = try readSet(&r)
            u.seen = try readSet(&r)
            u.keywordFilters = try r.array { r throws(SnapshotError) in try r.string() }
            u.recent = try r.array { r throws(SnapshotError) in
                UserProfile.RecentItem(video: Int32(bitPattern: try r.u32()), strength: try r.f32(), time: try r.f64())
            }
            guard u.recent.allSatisfy({ $0.video >= 0 && Int($0.video) < videos }) else { throw .malformed("recent item") }
            for (k, v) in try r.array({ r throws(SnapshotError) in (try r.u32(), try r.f32()) }) { u.hashtagAffinity[k] = v }
            for (k, v) in try r.array({ r throws(SnapshotError) in (try r.u64(), try r.f32()) }) { u.creatorAffinity[k] = v }
            for (k, v) in try r.array({ r throws(SnapshotError) in (try r.u64(), try r.f32()) }) { u.soundAffinity[k] = v }
            u.eventCount = try r.int()
            u.eventsSinceRetrain = try r.int()
            u.generation = try r.u64()
            return (id, u)
        }
        for (id, u) in list { users[id] = u }
    }
}
