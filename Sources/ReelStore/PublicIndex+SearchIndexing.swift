import Foundation
import GRDB
import ReelCore

/// Full-text search tables of the public index and the writes that keep them in step with the
/// listed videos and profiles (SQLite FTS5).
///
/// Text is folded in Swift (``SearchText/fold(_:)``) before it is indexed, and queries are folded the
/// same way, so matching never depends on SQLite's own case or diacritic rules. The FTS5 tokenizer is
/// `unicode61` with diacritic removal off and combining marks counted as token characters
/// (`categories 'L* N* Co M*'`), so Devanagari or Arabic words are never split at a mark.
extension PublicIndex {
    /// FTS5 `tokenize` argument shared by both search tables.
    static let tokenizer = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"

    /// The `v2-search` migration: hashtags with display forms, a searchable key per tag, and FTS5
    /// tables over videos (caption, hashtags, creator handle and display name) and profiles (handle,
    /// display name). Existing rows are re-parsed with today's ``Hashtags`` normaliser so tags stored
    /// before it (lower-cased only) match the keys that lookups now compute.
    static func registerSearchMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-search") { db in
            try db.alter(table: "videoTags") { t in
                t.add(column: "display", .text).notNull().defaults(to: "")
                t.add(column: "searchKey", .text).notNull().defaults(to: "")
            }
            try db.create(index: "videoTags_by_searchKey", on: "videoTags", columns: ["searchKey", "videoID"])
            try db.execute(sql: "CREATE VIRTUAL TABLE videoSearch USING fts5(caption, hashtags, handle, displayName, tokenize = \"\(tokenizer)\")")
            try db.execute(sql: "CREATE VIRTUAL TABLE profileSearch USING fts5(handle, displayName, tokenize = \"\(tokenizer)\")")
            try HashtagReparsing.reparseCaptions(db, table: "videos")
            let videos = try Row.fetchAll(db, sql: "SELECT id, caption, hashtags, creatorHandle, creatorID FROM videos")
            for row in videos {
                let id: ReelID = row["id"]
                let hashtags = try HashtagReparsing.decode(row["hashtags"])
                try writeTags(db, videoID: id, hashtags: hashtags)
                let displayName = try String.fetchOne(db, sql: "SELECT displayName FROM profiles WHERE userID = ?", arguments: [row["creatorID"] as ReelID])
                try indexVideo(db, id: id, caption: row["caption"], hashtags: hashtags, handle: row["creatorHandle"], displayName: displayName)
            }
            for row in try Row.fetchAll(db, sql: "SELECT userID, handle, displayName FROM profiles") {
                try indexProfile(db, userID: row["userID"], handle: row["handle"], displayName: row["displayName"])
            }
        }
    }

    /// Replaces a listed video's rows in `videoTags`.
    static func writeTags(_ db: Database, videoID: ReelID, hashtags: [Hashtag]) throws {
        try db.execute(sql: "DELETE FROM videoTags WHERE videoID = ?", arguments: [videoID])
        for tag in hashtags {
            try db.execute(sql: "INSERT OR IGNORE INTO videoTags (tag, videoID, display, searchKey) VALUES (?, ?, ?, ?)",
                           arguments: [tag.key, videoID, tag.display, tagSearchKey(tag.key)])
        }
    }

    /// The prefix-searchable form of a tag key: its search terms run together, as a query's are.
    static func tagSearchKey(_ key: String) -> String {
        SearchText.terms(key).joined()
    }

    /// Writes (or rewrites) a video's full-text row; `displayName` is its creator's, when known.
    static func indexVideo(_ db: Database, id: ReelID, caption: String, hashtags: [Hashtag], handle: String, displayName: String?) throws {
        try db.execute(sql: "DELETE FROM videoSearch WHERE rowid = ?", arguments: [id])
        try db.execute(sql: "INSERT INTO videoSearch (rowid, caption, hashtags, handle, displayName) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, SearchText.fold(caption), hashtags.map { SearchText.fold($0.key) }.joined(separator: " "),
                                   searchableHandle(handle), SearchText.fold(displayName ?? "")])
    }

    /// Writes (or rewrites) a profile's full-text row, and refreshes the creator columns of their videos.
    static func indexProfile(_ db: Database, userID: ReelID, handle: String, displayName: String) throws {
        try db.execute(sql: "DELETE FROM profileSearch WHERE rowid = ?", arguments: [userID])
        try db.execute(sql: "INSERT INTO profileSearch (rowid, handle, displayName) VALUES (?, ?, ?)",
                       arguments: [userID, searchableHandle(handle), SearchText.fold(displayName)])
        try db.execute(sql: """
            UPDATE videoSearch SET handle = ?, displayName = ? WHERE rowid IN (SELECT id FROM videos WHERE creatorID = ?)
            """, arguments: [searchableHandle(handle), SearchText.fold(displayName), userID])
    }

    /// Removes the full-text rows of a video.
    static func unindexVideo(_ db: Database, id: ReelID) throws {
        try db.execute(sql: "DELETE FROM videoSearch WHERE rowid = ?", arguments: [id])
    }

    /// Removes a user's profile row and the rows of their videos.
    static func unindexUser(_ db: Database, userID: ReelID) throws {
        try db.execute(sql: "DELETE FROM profileSearch WHERE rowid = ?", arguments: [userID])
        try db.execute(sql: "DELETE FROM videoSearch WHERE rowid IN (SELECT id FROM videos WHERE creatorID = ?)", arguments: [userID])
    }

    /// A handle as indexed: folded, plus the same without `_` so `breadmaster` finds `bread_master`.
    static func searchableHandle(_ handle: String) -> String {
        let folded = SearchText.fold(handle)
        let joined = folded.replacingOccurrences(of: "_", with: "")
        return joined == folded ? folded : "\(folded) \(joined)"
    }
}
