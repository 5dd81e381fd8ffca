import Foundation
import GRDB
import ReelCore

extension PublicIndex {
    /// Listed videos ranked by worldwide engagement with time decay (the non-profiled feed),
    /// as of the instant `now`.
    ///
    /// The score is `(1 + views + 4·likes + 3·comments + 6·shares) · 2^((createdAt − now) / halfLife)`,
    /// ties broken by larger ID first, so the order is total. With `after`, only entries that rank
    /// strictly after it are returned (keyset pagination over the ranking at the same `now`).
    /// - Complexity: one scan of the listed videos, O(n log limit).
    public func popularRanking(now: Date, halfLife: TimeInterval, after bound: PopularityEntry?,
                               limit: Int) async throws -> [PopularityEntry] {
        try await pool.read { db in
            var sql = """
                SELECT id, score FROM (SELECT id,
                (1.0 + viewCount + 4.0 * likeCount + 3.0 * commentCount + 6.0 * shareCount) * exp((createdAt - ?) * ?) AS score
                FROM videos)
                """
            var arguments: StatementArguments = [now.timeIntervalSince1970, log(2.0) / halfLife]
            if let bound {
                sql += " WHERE score < ? OR (score = ? AND id < ?)"
                arguments += [bound.score, bound.score, bound.id]
            }
            sql += " ORDER BY score DESC, id DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                PopularityEntry(id: $0["id"], score: $0["score"])
            }
        }
    }
}
