import Foundation
import PostgresNIO
import ReelCore

extension PostgresRegionStore {
    /// Everything this region holds about `user` (who must live here), oldest first, in one
    /// repeatable-read transaction.
    public func personalRecords(of user: ReelID) async throws -> PersonalRecords {
        try requireResident(user, "user")
        let logger = database.logger
        return try await database.transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
            func actions(_ query: PostgresQuery) async throws -> [UserAction] {
                try await connection.query(query, logger: logger).collect().map { row in
                    let (target, at) = try row.decode((Int64, Double).self)
                    return UserAction(targetID: ReelID(bits: target), at: Date(timeIntervalSince1970: at))
                }
            }
            let bits = user.bits
            return PersonalRecords(
                follows: try await actions("SELECT followee_id, created_at FROM follows WHERE follower_id = \(bits) ORDER BY created_at, seq"),
                likes: try await actions("SELECT video_id, created_at FROM likes WHERE user_id = \(bits) ORDER BY created_at, seq"),
                shares: try await actions("SELECT video_id, created_at FROM shares WHERE user_id = \(bits) ORDER BY created_at, seq"),
                notInterested: try await actions("SELECT video_id, created_at FROM not_interested WHERE user_id = \(bits) ORDER BY created_at, seq"),
                comments: try await connection.query("SELECT * FROM comments WHERE author_id = \(bits) ORDER BY id", logger: logger)
                    .collect().map(PostgresRows.comment),
                watchEvents: try await connection.query("SELECT * FROM watch_events WHERE user_id = \(bits) ORDER BY at, seq", logger: logger)
                    .collect().map(PostgresRows.watchEvent),
                videos: try await connection.query("SELECT * FROM videos WHERE creator_id = \(bits) ORDER BY id", logger: logger)
                    .collect().map(PostgresRows.video))
        }
    }

    /// Removes every follow edge from this region's users to `followee`, lowering each follower's
    /// following count in the same transaction, and drops the log entries of follows of `followee`.
    /// Returns the followers whose edge was removed.
    public func removeFollowers(of followee: ReelID) async throws -> [ReelID] {
        try await database.transaction { connection in
            let followers = try await connection.query("DELETE FROM follows WHERE followee_id = \(followee.bits) RETURNING follower_id",
                                                       logger: database.logger).collect().map(PostgresRows.id)
            try await connection.query("""
                UPDATE users SET following_count = GREATEST(0, following_count - 1) WHERE id = ANY(\(followers.map(\.bits)))
                """, logger: database.logger)
            // The log keeps no trace of follows of an erased account (they name it).
            try await connection.query("""
                DELETE FROM behaviour_log WHERE target_id = \(followee.bits) AND kind IN ('follow', 'unfollow')
                """, logger: database.logger)
            return followers
        }
    }

    /// Deletes the account row of `user` with their sessions, every behaviour row still left and
    /// their entries of the behaviour log, in one transaction. Returns whether the account existed.
    public func deleteAccount(id user: ReelID) async throws -> Bool {
        try requireResident(user, "user")
        let bits = user.bits
        return try await database.transaction { connection in
            for query: PostgresQuery in ["DELETE FROM watch_events WHERE user_id = \(bits)", "DELETE FROM likes WHERE user_id = \(bits)",
                                         "DELETE FROM shares WHERE user_id = \(bits)", "DELETE FROM not_interested WHERE user_id = \(bits)",
                                         "DELETE FROM follows WHERE follower_id = \(bits)", "DELETE FROM comments WHERE author_id = \(bits)",
                                         "DELETE FROM sessions WHERE user_id = \(bits)",
                                         // Their reports; the cases keep only the reports' IDs, which then name nobody.
                                         "DELETE FROM reports WHERE reporter_id = \(bits)",
                                         // Statements stay for the transparency report, without the comment text they held.
                                         "UPDATE statements SET held_comment = NULL WHERE affected_user_id = \(bits)",
                                         // Abuse-limit rows name the user too: daily counts and buckets `<action>:user:<id>`.
                                         "DELETE FROM daily_counts WHERE user_id = \(bits)",
                                         "DELETE FROM rate_limits WHERE bucket LIKE \("%:user:\(user)")",
                                         "DELETE FROM appeals WHERE appellant_id = \(bits)", "DELETE FROM notifications WHERE user_id = \(bits)",
                                         // Last: the deletes above logged unlikes and unfollows of this user.
                                         "DELETE FROM behaviour_log WHERE user_id = \(bits)"] {
                try await connection.query(query, logger: database.logger)
            }
            return try await !connection.query("DELETE FROM users WHERE id = \(bits) RETURNING 1", logger: database.logger).collect().isEmpty
        }
    }

    /// Nothing to do: PostgreSQL's deleted row versions are out of every query at once and are
    /// reclaimed by (auto)vacuum; the operator's disk encryption and vacuum policy cover the files
    /// (docs/deployment.md, "Erasure and deleted data").
    public func scrubDeletedRows() async throws {}
}
