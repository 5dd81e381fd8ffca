import Foundation
import ReelCore
import ReelStore

/// The opaque cursor of the Popular feed: which ranking snapshot the browsing session pages
/// through and the last entry it has passed.
///
/// Text form: `p1.<snapshot ms>.<score as 16 hex digits of its IEEE 754 bits>.<video ID>`, so the
/// score survives the round trip exactly and keyset comparisons against it are exact.
struct PopularCursor: Sendable, Equatable {
    /// The snapshot's instant, in milliseconds since 1970 (see ``PopularRanking/Snapshot``).
    var takenAt: Int64
    /// The last entry passed (served or skipped as invisible); the next page starts after it.
    var last: PopularityEntry

    init(takenAt: Int64, last: PopularityEntry) {
        self.takenAt = takenAt
        self.last = last
    }

    /// - Throws: ``ReelError`` 400 `invalid_cursor` for anything this type did not encode.
    init(decoding text: String) throws {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "p1", let takenAt = Int64(parts[1]), takenAt >= 0, parts[2].count == 16,
              let bits = UInt64(parts[2], radix: 16), let id = ReelID(parts[3]) else {
            throw ReelError.badRequest("The cursor is not valid; start again without one.", code: "invalid_cursor")
        }
        let score = Double(bitPattern: bits)
        guard score.isFinite else { throw ReelError.badRequest("The cursor is not valid; start again without one.", code: "invalid_cursor") }
        self.init(takenAt: takenAt, last: PopularityEntry(id: id, score: score))
    }

    /// The text form.
    var encoded: String {
        let hex = String(last.score.bitPattern, radix: 16)
        return "p1.\(takenAt).\(String(repeating: "0", count: 16 - hex.count) + hex).\(last.id)"
    }
}
