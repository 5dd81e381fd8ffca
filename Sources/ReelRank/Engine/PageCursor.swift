/// The opaque pagination cursor of one feed session: every video served on its earlier pages, so
/// later pages never repeat one, and the most recent ones, so diversity holds across pages.
///
/// Served videos are kept in a Bloom filter (Bloom 1970) of `filterBits` bits with `hashCount`
/// hashes, so the cursor has a fixed size however long the session runs. A Bloom filter has no false
/// negatives: a served video is never served again. Its false positives hide a video that was not
/// served, with probability (1 − e^(−k·n/m))^k after n videos: about 0.03 % at 100, 2.9 % at 500 and
/// 14 % at 1,000 — a long session sees a slightly thinner feed, never a repeat.
///
/// A session runs in rounds: when a round has nothing new left, ``nextRound()`` starts another with an
/// empty filter, and the filter of every earlier round is kept as `earlier`, so the new round can
/// bring those videos back marked as seen before (never twice within the round).
///
/// Encoded as base64url of: version byte, served count (`UInt32`), the recent IDs' count (one byte),
/// whether earlier rounds exist (one byte), the recent IDs, the filter's words and, after the first
/// round, the earlier rounds' filter words, all little-endian. About 0.9 KB of text (1.6 KB after the
/// first round). Version 2 cursors (no round byte) still decode, as a first round.
struct PageCursor: Sendable, Hashable {
    /// Recent IDs kept exactly, enough for the re-ranker's creator and topic windows.
    static let recentCapacity = 16
    static let filterBits = 4096
    static let hashCount = 3
    static let version: UInt8 = 3
    private static let filterWords = filterBits / 64

    /// How many videos the session has been served.
    private(set) var servedCount: Int = 0
    /// The last served IDs, oldest first (at most `recentCapacity`).
    private(set) var recent: [UInt64] = []
    private var filter = [UInt64](repeating: 0, count: PageCursor.filterWords)
    /// The union of the filters of the session's earlier rounds; `nil` in the first round.
    private var earlier: [UInt64]?

    init() {}

    /// Decodes a cursor; an unreadable one yields `nil` (callers start from the first page).
    init?(encoded: String) {
        guard let bytes = Base64URL.decode(encoded), bytes.count >= 6, bytes[0] == Self.version || bytes[0] == 2 else { return nil }
        func word(at offset: Int, bytes count: Int) -> UInt64 {
            var v: UInt64 = 0
            for b in 0 ..< count { v |= UInt64(bytes[offset + b]) << (8 * UInt64(b)) }
            return v
        }
        let recentCount = Int(bytes[5])
        let header = bytes[0] == 2 ? 6 : 7
        let hasEarlier = bytes[0] == 2 ? false : bytes.count > 6 && bytes[6] == 1
        let words = recentCount + Self.filterWords * (hasEarlier ? 2 : 1)
        guard recentCount <= Self.recentCapacity, bytes.count == header + 8 * words else { return nil }
        servedCount = Int(word(at: 1, bytes: 4))
        recent = (0 ..< recentCount).map { word(at: header + 8 * $0, bytes: 8) }
        filter = (0 ..< Self.filterWords).map { word(at: header + 8 * (recentCount + $0), bytes: 8) }
        if hasEarlier {
            earlier = (0 ..< Self.filterWords).map { word(at: header + 8 * (recentCount + Self.filterWords + $0), bytes: 8) }
        }
    }

    /// Records that `ids` were served, in order.
    mutating func record(_ ids: [UInt64]) {
        for id in ids {
            let (h1, h2) = Self.hashes(of: id)
            for k in 0 ..< UInt64(Self.hashCount) {
                let bit = Int((h1 &+ k &* h2) % UInt64(Self.filterBits))
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        recent = Array((recent + ids).suffix(Self.recentCapacity))
        servedCount += ids.count
    }

    /// Whether `id` may have been served in this round (never false for a served one).
    /// - Complexity: O(hashCount), no allocation (it runs once per candidate).
    func contains(_ id: UInt64) -> Bool { Self.filter(filter, contains: id) }

    /// Whether `id` may have been served in an earlier round of the session (never false for one that was).
    /// - Complexity: O(hashCount).
    func wasServedEarlier(_ id: UInt64) -> Bool { earlier.map { Self.filter($0, contains: id) } ?? false }

    /// Whether the session is past its first round.
    var isLaterRound: Bool { earlier != nil }

    /// Whether nothing has been served in this round yet.
    var isRoundEmpty: Bool { filter.allSatisfy { $0 == 0 } }

    /// The cursor of a new round: this round's served videos join the earlier rounds', the round's
    /// filter starts empty; the served count and the recent IDs carry on (diversity spans rounds).
    func nextRound() -> PageCursor {
        var next = self
        next.earlier = zip(filter, earlier ?? filter).map { $0 | $1 }
        next.filter = [UInt64](repeating: 0, count: Self.filterWords)
        return next
    }

    private static func filter(_ words: [UInt64], contains id: UInt64) -> Bool {
        let (h1, h2) = Self.hashes(of: id)
        for k in 0 ..< UInt64(Self.hashCount) {
            let bit = Int((h1 &+ k &* h2) % UInt64(Self.filterBits))
            if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    /// Two hashes of `id` from one 64-bit mix, combined as h1 + k·h2 for the k-th filter position
    /// (double hashing, Kirsch & Mitzenmacher 2006).
    private static func hashes(of id: UInt64) -> (UInt64, UInt64) {
        let h = mix64(id, 0x5EED_F11E_5EED_F11E)
        return (h & 0xFFFF_FFFF, (h >> 32) | 1)
    }

    var encoded: String {
        var bytes: [UInt8] = [Self.version]
        func append(_ v: UInt64, bytes count: Int) { for b in 0 ..< count { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(b)))) } }
        append(UInt64(min(servedCount, Int(UInt32.max))), bytes: 4)
        bytes.append(UInt8(recent.count))
        bytes.append(earlier == nil ? 0 : 1)
        for id in recent { append(id, bytes: 8) }
        for w in filter { append(w, bytes: 8) }
        for w in earlier ?? [] { append(w, bytes: 8) }
        return Base64URL.encode(bytes)
    }
}

/// Minimal RFC 4648 §5 base64url without padding (no Foundation needed).
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var n = 0
        while n < bytes.count {
            let chunk = min(3, bytes.count - n)
            var v: UInt32 = 0
            for k in 0 ..< 3 { v = v << 8 | UInt32(k < chunk ? bytes[n + k] : 0) }
            for k in 0 ..< chunk + 1 { out.append(alphabet[Int(v >> (18 - 6 * UInt32(k)) & 63)]) }
            n += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        for c in text.utf8 {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            values.append(UInt8(v))
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var n = 0
        while n < values.count {
            let chunk = min(4, values.count - n)
            var v: UInt32 = 0
            for k in 0 ..< 4 { v = v << 6 | UInt32(k < chunk ? values[n + k] : 0) }
            for k in 0 ..< chunk - 1 { out.append(UInt8(truncatingIfNeeded: v >> (16 - 8 * UInt32(k)))) }
            n += 4
        }
        return out
    }
}
