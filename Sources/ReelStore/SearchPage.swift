import Foundation
import ReelCore

/// Where a page of search results ended, so the next page continues without repeats or skips.
///
/// Search pages are keyset-paginated over a snapshot: the first page fixes `bound`, the largest ID
/// in the searched set at that moment, and every later page searches only items with IDs up to it,
/// so uploads and sign-ups made while someone pages never enter the list or shift it. Items are
/// ordered by (`score` ascending, then `key`), and a page starts strictly after the previous page's
/// last (`score`, `key`). The text form (``cursor``) is opaque to clients.
public struct SearchPosition: Sendable, Hashable {
    /// Largest item ID (video or user ID) searched, fixed by the first page.
    public var bound: Int64
    /// The last item's score (lower is better; engines map their relevance onto it).
    public var score: Double
    /// The last item's tie-break key: its ID in decimal, or a hashtag key.
    public var key: String

    /// Creates a position.
    public init(bound: Int64, score: Double, key: String) {
        self.bound = bound
        self.score = score
        self.key = key
    }

    /// The opaque cursor text: `bound.scoreBits.base64url(key)`, URL-safe.
    public var cursor: String {
        let encodedKey = Data(key.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "\(bound).\(score.bitPattern).\(encodedKey)"
    }

    /// Parses ``cursor`` text; nil when it is not one.
    public init?(cursor: String) {
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let bound = Int64(parts[0]), let bits = UInt64(parts[1]) else { return nil }
        var base64 = parts[2].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let score = Double(bitPattern: bits)
        guard !score.isNaN, let data = Data(base64Encoded: base64), let key = String(data: data, encoding: .utf8) else { return nil }
        self.init(bound: bound, score: score, key: key)
    }
}

/// One page of search results and where the next page starts (nil on the last page).
public struct SearchPage<Item: Sendable>: Sendable {
    /// The results, best first.
    public var items: [Item]
    /// The position after the last item when more results follow.
    public var next: SearchPosition?

    /// Creates a page.
    public init(items: [Item], next: SearchPosition?) {
        self.items = items
        self.next = next
    }
}

/// A hashtag found by search: its key, a display form, and how many listed videos carry it.
public struct HashtagSummary: Sendable, Codable, Equatable {
    /// The normalised key (``Hashtags/normalise(_:)``).
    public var key: String
    /// The display form of the tag on its newest listed video.
    public var display: String
    /// Listed videos with the tag within the search snapshot.
    public var videoCount: Int

    /// Creates a summary.
    public init(key: String, display: String, videoCount: Int) {
        self.key = key
        self.display = display
        self.videoCount = videoCount
    }
}
