import Foundation
import GRDB
import ReelCore

/// Rewrites stored hashtags from captions with today's ``Hashtags`` parser, for migrations.
///
/// Tags used to be stored as lower-cased strings (`["café"]`); they are now `{display, key}` objects
/// with keys from ``Hashtags/normalise(_:)``. The caption is the source of truth, so re-parsing it
/// yields exactly what a new upload of the same caption would store, including display forms.
enum HashtagReparsing {
    /// Re-parses `caption` into `hashtags` for every row of `table` (columns `id`, `caption`, `hashtags`).
    static func reparseCaptions(_ db: Database, table: String) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, caption FROM \(table)")
        for row in rows {
            let caption: String = row["caption"]
            try db.execute(sql: "UPDATE \(table) SET hashtags = ? WHERE id = ?",
                           arguments: [try encode(Hashtags.parse(caption)), row["id"] as Int64])
        }
    }

    /// The JSON text stored in a `hashtags` column.
    static func encode(_ hashtags: [Hashtag]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(hashtags), as: UTF8.self)
    }

    /// Decodes a `hashtags` column written by ``encode(_:)``.
    static func decode(_ text: String) throws -> [Hashtag] {
        try JSONDecoder().decode([Hashtag].self, from: Data(text.utf8))
    }
}
