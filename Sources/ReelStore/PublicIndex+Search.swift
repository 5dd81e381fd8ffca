import Foundation
import GRDB
import ReelCore

/// Ranked full-text search over listed videos, profiles and hashtags.
///
/// Every method takes the query as terms from ``SearchText/terms(_:)`` (already folded, with no
/// query syntax left), matches each term as a prefix, requires all terms, and pages with a
/// ``SearchPosition``. FTS5 finds the matches; they are ranked by ``SearchRelevance`` (registered as
/// the SQL function `reel_rank`), whose scores depend on each result alone, so a page continues
/// exactly after the previous page's last (score, key) however the rest of the index changed.
/// Another engine provides the same methods with its own full-text matching over the same folded
/// text and the same ranking function.
extension PublicIndex {
    /// Listed videos whose caption, hashtags, creator handle or creator display name match every
    /// term, best first (``SearchRelevance`` weights: caption 1, hashtags 2, handle 3, display name 3), then newest.
    /// Videos of private accounts are left out, as their profile page leaves them out.
    /// - Complexity: one FTS5 query; O(matches) for the ranking.
    public func searchVideos(_ terms: [String], after position: SearchPosition?, limit: Int) async throws -> SearchPage<PublicVideo> {
        guard let match = Self.matchExpression(terms) else { return SearchPage(items: [], next: nil) }
        return try await pool.read { db in
            let bound = try position?.bound ?? Int64.fetchOne(db, sql: "SELECT MAX(id) FROM videos") ?? 0
            var sql = """
                SELECT * FROM (
                    SELECT videos.*, -reel_rank(?, 1.0, 12.0, videoSearch.caption, 2.0, 2.0, videoSearch.hashtags,
                                                3.0, 2.0, videoSearch.handle, 3.0, 2.0, videoSearch.displayName) AS score
                    FROM videoSearch JOIN videos ON videos.id = videoSearch.rowid
                    LEFT JOIN profiles ON profiles.userID = videos.creatorID
                    WHERE videoSearch MATCH ? AND videos.id <= ? AND COALESCE(profiles.isPrivate, 0) = 0)
                """
            var arguments: StatementArguments = [terms.joined(separator: " "), match, bound]
            if let position, let last = Int64(position.key) {
                sql += " WHERE score > ? OR (score = ? AND id < ?)"
                arguments += [position.score, position.score, last]
            }
            sql += " ORDER BY score, id DESC LIMIT ?"
            arguments += [limit + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let items = try rows.prefix(limit).map { try PublicVideo(row: $0) }
            let next = rows.count > limit
                ? SearchPosition(bound: bound, score: rows[limit - 1]["score"], key: String(rows[limit - 1]["id"] as Int64)) : nil
            return SearchPage(items: items, next: next)
        }
    }

    /// Profiles whose handle or display name match every term, best first (``SearchRelevance``
    /// weights: handle 2, display name 1), then newest account. Private accounts are included: their profiles are public.
    public func searchProfiles(_ terms: [String], after position: SearchPosition?, limit: Int) async throws -> SearchPage<PublicProfile> {
        guard let match = Self.matchExpression(terms) else { return SearchPage(items: [], next: nil) }
        return try await pool.read { db in
            let bound = try position?.bound ?? Int64.fetchOne(db, sql: "SELECT MAX(userID) FROM profiles") ?? 0
            var sql = """
                SELECT * FROM (
                    SELECT profiles.*, -reel_rank(?, 2.0, 2.0, profileSearch.handle, 1.0, 2.0, profileSearch.displayName) AS score
                    FROM profileSearch JOIN profiles ON profiles.userID = profileSearch.rowid
                    WHERE profileSearch MATCH ? AND profiles.userID <= ?)
                """
            var arguments: StatementArguments = [terms.joined(separator: " "), match, bound]
            if let position, let last = Int64(position.key) {
                sql += " WHERE score > ? OR (score = ? AND userID < ?)"
                arguments += [position.score, position.score, last]
            }
            sql += " ORDER BY score, userID DESC LIMIT ?"
            arguments += [limit + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let items = try rows.prefix(limit).map { try PublicProfile(row: $0) }
            let next = rows.count > limit
                ? SearchPosition(bound: bound, score: rows[limit - 1]["score"], key: String(rows[limit - 1]["userID"] as Int64)) : nil
            return SearchPage(items: items, next: next)
        }
    }

    /// Hashtags whose key starts with the terms run together (a tag has no spaces: `sour dough` finds
    /// `#sourdough`), most used first (listed videos of public accounts within the snapshot), then by
    /// key. The display form is the one on the tag's newest video.
    public func searchHashtags(_ terms: [String], after position: SearchPosition?, limit: Int) async throws -> SearchPage<HashtagSummary> {
        let prefix = terms.joined()
        guard !prefix.isEmpty else { return SearchPage(items: [], next: nil) }
        return try await pool.read { db in
            let bound = try position?.bound ?? Int64.fetchOne(db, sql: "SELECT MAX(id) FROM videos") ?? 0
            // SQLite takes a bare column (display) from the row that gave MAX(videoID).
            var sql = """
                SELECT * FROM (
                    SELECT videoTags.tag AS key, videoTags.display AS display, MAX(videoTags.videoID) AS newest,
                           COUNT(*) AS videoCount, -COUNT(*) AS score
                    FROM videoTags JOIN videos ON videos.id = videoTags.videoID
                    LEFT JOIN profiles ON profiles.userID = videos.creatorID
                    WHERE videoTags.searchKey >= ? AND videoTags.searchKey < ? AND videoTags.videoID <= ?
                      AND COALESCE(profiles.isPrivate, 0) = 0
                    GROUP BY videoTags.tag)
                """
            var arguments: StatementArguments = [prefix, prefix + "\u{10FFFF}", bound]
            if let position {
                sql += " WHERE score > ? OR (score = ? AND key > ?)"
                arguments += [position.score, position.score, position.key]
            }
            sql += " ORDER BY score, key LIMIT ?"
            arguments += [limit + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let items = rows.prefix(limit).map { HashtagSummary(key: $0["key"], display: $0["display"], videoCount: $0["videoCount"]) }
            let next = rows.count > limit
                ? SearchPosition(bound: bound, score: rows[limit - 1]["score"], key: rows[limit - 1]["key"]) : nil
            return SearchPage(items: items, next: next)
        }
    }

    /// `reel_rank(terms, weight₁, referenceLength₁, text₁, …)`: ``SearchRelevance/score(terms:fields:)``
    /// of folded field texts for space-separated terms, as an SQL function.
    static let rankFunction = DatabaseFunction("reel_rank", argumentCount: nil, pure: true) { values in
        guard let terms = String.fromDatabaseValue(values[0]) else { return 0.0 }
        var fields: [SearchRelevance.Field] = []
        var index = 1
        while index + 2 < values.count {
            fields.append(SearchRelevance.Field(weight: Double.fromDatabaseValue(values[index]) ?? 0,
                                                referenceLength: Double.fromDatabaseValue(values[index + 1]) ?? 1,
                                                foldedText: String.fromDatabaseValue(values[index + 2]) ?? ""))
            index += 3
        }
        return SearchRelevance.score(terms: terms.split(separator: " ").map(String.init), fields: fields)
    }

    /// The FTS5 MATCH expression for `terms`: each term a quoted prefix query (`"term"*`), all required.
    /// Quoting makes every term a plain string, so FTS5 operators (`AND`, `NEAR`, `-`, `^`, `:`) in a
    /// query are words, not syntax. Nil when there are no terms.
    static func matchExpression(_ terms: [String]) -> String? {
        let quoted = terms.filter { !$0.isEmpty }.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }
        return quoted.isEmpty ? nil : quoted.joined(separator: " ")
    }
}
