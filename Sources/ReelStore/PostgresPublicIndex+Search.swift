import Foundation
import PostgresNIO
import ReelCore

/// Ranked search and the Popular ranking on PostgreSQL, with the answers of ``PublicIndex`` (SQLite).
///
/// A GIN-indexed TSVECTOR match (`document @@ 'term':* & …`) finds the rows whose tokens start with
/// every term, as FTS5's `"term"*` queries do; ``SearchRelevance`` ranks them in Swift over the same
/// folded texts the SQLite engine passes to `reel_rank`, so scores are bit-for-bit the same and a
/// ``SearchPosition`` made by either engine pages the other's results the same way.
extension PostgresPublicIndex {
    /// Listed videos of public accounts matching every term, best first, then newest.
    /// - Complexity: one indexed match; O(m log m) in the matches for the ranking.
    public func searchVideos(_ terms: [String], after position: SearchPosition?, limit: Int) async throws -> SearchPage<PublicVideo> {
        guard let query = PostgresSearchIndexing.query(terms) else { return SearchPage(items: [], next: nil) }
        let bound = try await snapshotBound(position, "SELECT COALESCE(MAX(id), 0) FROM videos")
        let rows = try await database.rows("""
            SELECT videos.*, video_search.caption AS s_caption, video_search.hashtags AS s_hashtags,
                video_search.handle AS s_handle, video_search.display_name AS s_display_name
            FROM video_search JOIN videos ON videos.id = video_search.id LEFT JOIN profiles ON profiles.user_id = videos.creator_id
            WHERE video_search.document @@ \(query)::tsquery AND videos.id <= \(bound) AND NOT COALESCE(profiles.is_private, false)
            """)
        let scored = try rows.map { row in
            let r = row.makeRandomAccess()
            let score = -SearchRelevance.score(terms: terms, fields: [
                .init(weight: 1, referenceLength: 12, foldedText: try r.value("s_caption")),
                .init(weight: 2, referenceLength: 2, foldedText: try r.value("s_hashtags")),
                .init(weight: 3, referenceLength: 2, foldedText: try r.value("s_handle")),
                .init(weight: 3, referenceLength: 2, foldedText: try r.value("s_display_name")),
            ])
            return (item: try PostgresPublicRows.video(row), score: score)
        }
        return Self.page(scored, key: { $0.id.bits }, bound: bound, after: position, limit: limit)
    }

    /// Profiles matching every term, best first, then newest account. Private accounts are included.
    public func searchProfiles(_ terms: [String], after position: SearchPosition?, limit: Int) async throws -> SearchPage<PublicProfile> {
        guard let query = PostgresSearchIndexing.query(terms) else { return SearchPage(items: [], next: nil) }
        let bound = try await snapshotBound(position, "SELECT COALESCE(MAX(user_id), 0) FROM profiles")
        let rows = try await database.rows("""
            SELECT profiles.*, profile_search.handle AS s_handle, profile_search.display_name AS s_display_name
            FROM profile_search JOIN profiles ON profiles.user_id = profile_search.user_id
            WHERE profile_search.document @@ \(query)::tsquery AND profiles.user_id <= \(bound)
            """)
        let scored = try rows.map { row in
            let r = row.makeRandomAccess()
            let score = -SearchRelevance.score(terms: terms, fields: [
                .init(weight: 2, referenceLength: 2, foldedText: try r.value("s_handle")),
                .init(weight: 1, referenceLength: 2, foldedText: try r.value("s_display_name")),
            ])
            return (item: try PostgresPublicRows.profile(row), score: score)
        }
        return Self.page(scored, key: { $0.userID.bits }, bound: bound, after: position, limit: limit)
    }

    /// Hashtags whose key starts with the terms run together, most used first (listed videos of
    /// public accounts within the snapshot), then by key in code-point order; the display form is
    /// the one on the tag's newest video.
    public func searchHashtags(_ terms: [String], after position: SearchPosition?, limit: Int) async throws -> SearchPage<HashtagSummary> {
        let prefix = terms.joined()
        guard !prefix.isEmpty else { return SearchPage(items: [], next: nil) }
        let bound = try await snapshotBound(position, "SELECT COALESCE(MAX(id), 0) FROM videos")
        let rows = try await database.rows("""
            SELECT key, display, video_count, score FROM (
                SELECT video_tags.tag AS key, (array_agg(video_tags.display ORDER BY video_tags.video_id DESC))[1] AS display,
                    COUNT(*) AS video_count, -COUNT(*)::float8 AS score
                FROM video_tags JOIN videos ON videos.id = video_tags.video_id LEFT JOIN profiles ON profiles.user_id = videos.creator_id
                WHERE video_tags.search_key COLLATE "C" >= \(prefix) AND video_tags.search_key COLLATE "C" < \(prefix + "\u{10FFFF}")
                    AND video_tags.video_id <= \(bound) AND NOT COALESCE(profiles.is_private, false)
                GROUP BY video_tags.tag) AS tags
            WHERE \(position == nil) OR score > \(position?.score ?? 0) OR (score = \(position?.score ?? 0) AND key COLLATE "C" > \(position?.key ?? ""))
            ORDER BY score, key COLLATE "C" LIMIT \(limit + 1)
            """)
        let found = try rows.map { row in
            let (key, display, count, score) = try row.decode((String, String, Int64, Double).self)
            return (summary: HashtagSummary(key: key, display: display, videoCount: Int(count)), score: score)
        }
        let next = found.count > limit ? SearchPosition(bound: bound, score: found[limit - 1].score, key: found[limit - 1].summary.key) : nil
        return SearchPage(items: found.prefix(limit).map(\.summary), next: next)
    }

    /// Listed videos ranked by worldwide engagement with time decay as of `now` (the score of
    /// ``PublicIndex/popularRanking(now:halfLife:after:limit:)``), strictly after `bound` when given.
    /// - Complexity: one scan of the listed videos, O(n log limit).
    public func popularRanking(now: Date, halfLife: TimeInterval, after bound: PopularityEntry?, limit: Int) async throws -> [PopularityEntry] {
        try await database.rows("""
            SELECT id, score FROM (
                SELECT id, (1.0::float8 + view_count + 4.0::float8 * like_count + 3.0::float8 * comment_count + 6.0::float8 * share_count)
                    * exp((created_at - \(now.timeIntervalSince1970)) * \(log(2.0) / halfLife)) AS score
                FROM videos) AS ranked
            WHERE \(bound == nil) OR score < \(bound?.score ?? 0) OR (score = \(bound?.score ?? 0) AND id < \(bound?.id.bits ?? 0))
            ORDER BY score DESC, id DESC LIMIT \(limit)
            """).map { row in
                let (id, score) = try row.decode((Int64, Double).self)
                return PopularityEntry(id: ReelID(bits: id), score: score)
            }
    }

    /// The position's bound, or for a first page the largest ID that `query` finds now.
    private func snapshotBound(_ position: SearchPosition?, _ query: PostgresQuery) async throws -> Int64 {
        if let position { return position.bound }
        return try await database.rows(query).first?.decode(Int64.self) ?? 0
    }

    /// Orders scored matches by (score ascending, ID descending), keeps those after `position`, and
    /// cuts a page of `limit`, as the SQLite engine's SQL does.
    private static func page<Item>(_ scored: [(item: Item, score: Double)], key: (Item) -> Int64, bound: Int64,
                                   after position: SearchPosition?, limit: Int) -> SearchPage<Item> {
        let last = position.flatMap { Int64($0.key) }
        let ordered = scored
            .filter { entry in
                guard let position, let last else { return true }
                return entry.score > position.score || (entry.score == position.score && key(entry.item) < last)
            }
            .sorted { $0.score != $1.score ? $0.score < $1.score : key($0.item) > key($1.item) }
        let next = ordered.count > limit
            ? SearchPosition(bound: bound, score: ordered[limit - 1].score, key: String(key(ordered[limit - 1].item))) : nil
        return SearchPage(items: ordered.prefix(limit).map(\.item), next: next)
    }
}
