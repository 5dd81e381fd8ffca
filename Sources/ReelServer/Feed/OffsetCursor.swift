import ReelCore

/// An opaque cursor holding an offset into a ranking.
enum OffsetCursor {
    /// Largest offset accepted; deeper pages are refused rather than scanned.
    static let maxOffset = 10_000

    static func encode(_ offset: Int) -> String { "o\(offset)" }

    /// - Throws: ``ReelError`` 400 `invalid_cursor`.
    static func decode(_ cursor: String?) throws -> Int {
        guard let cursor else { return 0 }
        guard cursor.hasPrefix("o"), let offset = Int(cursor.dropFirst()), (0...maxOffset).contains(offset) else {
            throw ReelError.badRequest("cursor is not valid", code: "invalid_cursor")
        }
        return offset
    }
}
