/// Snapshot layout: magic "REELRANK", format version (u32), payload length (u64), payload,
/// CRC-32 of the payload (u32). All integers little-endian; collections are written in sorted
/// key order so equal states give byte-identical snapshots.
extension RecommenderState {
    static let magic = Array("REELRANK".utf8)
    /// Version 2 added ANN tombstones (label −1), each node's drift since it was last linked and
    /// what the last index update did; version 3 the directed transition table; version 4 the
    /// blend's `trendWeight` and `trendWeightEvents`; version 5 the co-occurrence table.
    /// An older snapshot is refused like any unknown version; the server then rebuilds from history.
    static let formatVersion: UInt32 = 5

    func snapshotBytes() -> [UInt8] {
        var p = ByteWriter()
        config.write(to: &p)
        writeCatalog(&p)
        writeUsers(&p)
        p.array(ranker.keys) { $0.u64($1) }
        p.array(ranker.z) { $0.f64($1) }
        p.array(ranker.n) { $0.f64($1) }
        p.u64(als.generator.state)
        p.array(als.userFactors.values) { $0.f32($1) }
        p.array(als.itemFactors.values) { $0.f32($1) }
        p.array(userIDs) { $0.u64($1) }
        p.array(trainUsers) { $0.u32(UInt32(bitPattern: $1)) }
        p.array(trainItems) { $0.u32(UInt32(bitPattern: $1)) }
        p.array(trainStrengths) { $0.f32($1) }
        writeIndex(&p)
        p.array(itemGram) { $0.f32($1) }
        p.array(regionBoards.keys.sorted()) { w, key in
            w.u32(key)
            w.array(regionBoards[key]!.members) { $0.u32(UInt32(bitPattern: $1)) }
        }
        p.array(globalBoard.members) { $0.u32(UInt32(bitPattern: $1)) }
        for table in [coEngagement, transitions, coOccurrence] {
            p.array(table.edges.keys.sorted()) { w, key in
                w.u32(UInt32(bitPattern: key))
                w.array(table.edges[key]!) { w, e in
                    w.u32(UInt32(bitPattern: e.video))
                    w.f32(e.weight)
                }
            }
        }
        p.int(eventCount)
        p.int(retrainCount)
        var out = ByteWriter()
        out.raw(Self.magic)
        out.u32(Self.formatVersion)
        out.u64(UInt64(p.bytes.count))
        out.raw(p.bytes)
        out.u32(CRC32.checksum(p.bytes[...]))
        return out.bytes
    }

    init(snapshot bytes: [UInt8]) throws(SnapshotError) {
        guard bytes.count >= 24, Array(bytes[0 ..< 8]) == Self.magic else { throw .notASnapshot }
        var header = ByteReader(bytes, offset: 8)
        let version = try header.u32()
        guard version == Self.formatVersion else { throw .unsupportedVersion(version) }
        let length = try header.u64()
        guard length <= UInt64(bytes.count - 24), Int(length) + 24 == bytes.count else { throw .truncated }
        let payload = bytes[20 ..< 20 + Int(length)]
        var trailer = ByteReader(bytes, offset: 20 + Int(length))
        guard try trailer.u32() == CRC32.checksum(payload) else { throw .checksumMismatch }
        var r = ByteReader(Array(payload))
        self.init(config: try RecommenderConfig.read(from: &r))
        try readCatalog(&r)
        try readUsers(&r)
        let keys = try r.array { r throws(SnapshotError) in try r.u64() }
        let z = try r.array { r throws(SnapshotError) in try r.f64() }
        let n = try r.array { r throws(SnapshotError) in try r.f64() }
        guard z.count == keys.count * Head.allCases.count, n.count == z.count else { throw .malformed("ranker sizes") }
        ranker = FTRLProximal(heads: Head.allCases.count, alpha: config.ftrlAlpha, beta: config.ftrlBeta, l1: config.ftrlL1,
                              l2: config.ftrlL2, keys: keys, z: z, n: n)
        als.generator.state = try r.u64()
        let d = config.embeddingDimension
        let userValues = try r.array { r throws(SnapshotError) in try r.f32() }
        let itemValues = try r.array { r throws(SnapshotError) in try r.f32() }
        guard userValues.count % d == 0, itemValues.count % d == 0 else { throw .malformed("factor sizes") }
        als.userFactors = EmbeddingMatrix(dimension: d, values: userValues)
        als.itemFactors = EmbeddingMatrix(dimension: d, values: itemValues)
        userIDs = try r.array { r throws(SnapshotError) in try r.u64() }
        for (row, id) in userIDs.enumerated() where id != Self.erasedID { userRow[id] = Int32(row) }
        trainUsers = try r.array { r throws(SnapshotError) in Int32(bitPattern: try r.u32()) }
        trainItems = try r.array { r throws(SnapshotError) in Int32(bitPattern: try r.u32()) }
        trainStrengths = try r.array { r throws(SnapshotError) in try r.f32() }
        guard trainUsers.count == trainItems.count, trainItems.count == trainStrengths.count,
              trainUsers.allSatisfy({ $0 >= 0 && Int($0) < userIDs.count }),
              trainItems.allSatisfy({ $0 >= 0 && Int($0) < catalog.count }) else { throw .malformed("training log") }
        try readIndex(&r)
        itemGram = try r.array { r throws(SnapshotError) in try r.f32() }
        let videoCount = catalog.count
        let videoRange = { (v: Int32) in v >= 0 && Int(v) < videoCount }
        let boards = try r.array { r throws(SnapshotError) in
            (try r.u32(), try r.array { r throws(SnapshotError) in Int32(bitPattern: try r.u32()) })
        }
        for (key, members) in boards {
            guard members.allSatisfy(videoRange) else { throw .malformed("board member") }
            regionBoards[key] = TrendingBoard(capacity: config.trendingBoardSize, members: members, scores: catalog.trendLog)
        }
        let global = try r.array { r throws(SnapshotError) in Int32(bitPattern: try r.u32()) }
        guard global.allSatisfy(videoRange) else { throw .malformed("board member") }
        globalBoard = TrendingBoard(capacity: config.trendingBoardSize, members: global, scores: catalog.trendLog)
        func readTable(capacity: Int, name: String) throws(SnapshotError) -> CoEngagementTable {
            let edges = try r.array { r throws(SnapshotError) in
                (Int32(bitPattern: try r.u32()), try r.array { r throws(SnapshotError) in
                    CoEngagementTable.Edge(video: Int32(bitPattern: try r.u32()), weight: try r.f32())
                })
            }
            var table: [Int32: [CoEngagementTable.Edge]] = [:]
            for (key, list) in edges {
                guard videoRange(key), list.allSatisfy({ videoRange($0.video) }) else { throw .malformed(name) }
                table[key] = list
            }
            return CoEngagementTable(capacity: capacity, edges: table)
        }
        coEngagement = try readTable(capacity: coEngagement.capacity, name: "co-engagement")
        transitions = try readTable(capacity: transitions.capacity, name: "transitions")
        coOccurrence = try readTable(capacity: coOccurrence.capacity, name: "co-occurrence")
        eventCount = try r.int()
        retrainCount = try r.int()
        guard r.isAtEnd else { throw .malformed("trailing bytes") }
    }

    private func writeIndex(_ p: inout ByteWriter) {
        p.u64(ann.generator.state)
        p.array(ann.vectors) { $0.f32($1) }
        p.array(ann.labels) { $0.u32(UInt32(bitPattern: $1)) }
        p.array(ann.levels) { $0.u8($1) }
        p.array(ann.level0) { $0.u32(UInt32(bitPattern: $1)) }
        p.array(ann.upper) { w, links in w.array(links) { $0.u32(UInt32(bitPattern: $1)) } }
        p.u32(UInt32(bitPattern: ann.entryPoint))
        p.int(ann.maxLevel)
        p.array(ann.driftSinceLink) { $0.f32($1) }
        let work = lastIndexMaintenance
        p.u8(work == nil ? 0 : work!.rebuilt ? 2 : 1)
        for count in [work?.inserted, work?.moved, work?.relinked, work?.removed] { p.int(count ?? 0) }
        p.f64(work?.recall ?? -1)
    }

    private mutating func readIndex(_ r: inout ByteReader) throws(SnapshotError) {
        ann.generator.state = try r.u64()
        let vectors = try r.array { r throws(SnapshotError) in try r.f32() }
        ann.labels = try r.array { r throws(SnapshotError) in Int32(bitPattern: try r.u32()) }
        ann.levels = try r.array { r throws(SnapshotError) in try r.u8() }
        let level0 = try r.array { r throws(SnapshotError) in Int32(bitPattern: try r.u32()) }
        ann.upper = try r.array { r throws(SnapshotError) in
            try r.array { r throws(SnapshotError) in Int32(bitPattern: try r.u32()) }
        }
        ann.entryPoint = Int32(bitPattern: try r.u32())
        ann.maxLevel = try r.int()
        let n = ann.labels.count
        ann.driftSinceLink = try r.array { r throws(SnapshotError) in try r.f32() }
        let kind = try r.u8()
        let counts = [try r.int(), try r.int(), try r.int(), try r.int()]
        let recall = try r.f64()
        if kind > 0 {
            lastIndexMaintenance = .init(inserted: counts[0], moved: counts[1], relinked: counts[2], removed: counts[3],
                                         recall: recall < 0 ? nil : recall, rebuilt: kind == 2)
        }
        let allLinks = level0 + ann.upper.flatMap { $0 }
        guard vectors.count == n * ann.dimension, ann.levels.count == n, ann.upper.count == n,
              level0.count == n * 2 * ann.m, ann.driftSinceLink.count == n, Int(ann.entryPoint) < n, ann.entryPoint >= -1,
              allLinks.allSatisfy({ $0 >= -1 && Int($0) < n }),
              ann.labels.allSatisfy({ $0 >= -1 && Int($0) < catalog.count }) else { throw .malformed("ANN index") }
        ann.restoreNodes(vectors: vectors, level0: level0)
        ann.restoreLabelMap()
        guard ann.count == ann.labels.count(where: { $0 >= 0 }) else { throw .malformed("ANN index labels repeat") }
    }
}
