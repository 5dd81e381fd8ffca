import Foundation
import GRDB
import ReelCore

extension SQLiteRegionStore {
    /// Everything this region holds about `user` (who must live here), oldest first, in one read.
    public func personalRecords(of user: ReelID) async throws -> PersonalRecords {
        try requireResident(user, "user")
        return try await pool.read { db in
            func actions(_ sql: String) throws -> [UserAction] {
                try Row.fetchAll(db, sql: sql, arguments: [user]).map { row in
                    UserAction(targetID: row["targetID"], at: Date(timeIntervalSince1970: row["at"]))
                }
            }
            return PersonalRecords(
                follows: try actions("SELECT followeeID AS targetID, createdAt AS at FROM follows WHERE followerID = ? ORDER BY createdAt"),
                likes: try actions("SELECT videoID AS targetID, createdAt AS at FROM likes WHERE userID = ? ORDER BY createdAt"),
                shares: try actions("SELECT videoID AS targetID, createdAt AS at FROM shares WHERE userID = ? ORDER BY createdAt"),
                notInterested: try actions("SELECT videoID AS targetID, createdAt AS at FROM notInterested WHERE userID = ? ORDER BY createdAt"),
                comments: try Comment.filter(Column("authorID") == user).order(Column("id")).fetchAll(db),
                watchEvents: try WatchEvent.filter(Column("userID") == user).order(Column("at")).fetchAll(db),
                videos: try Video.filter(Column("creatorID") == user).order(Column("id")).fetchAll(db))
        }
    }

    /// Removes every follow edge from this region's users to `followee`, lowering each follower's
    /// following count in the same transaction. Returns the followers whose edge was removed.
    public func removeFollowers(of followee: ReelID) async throws -> [ReelID] {
        try await pool.write { db in
            let followers = try ReelID.fetchAll(db, sql: "SELECT followerID FROM follows WHERE followeeID = ?", arguments: [followee])
            try db.execute(sql: "DELETE FROM follows WHERE followeeID = ?", arguments: [followee])
            // The log keeps no trace of follows of an erased account (they name it).
            try db.execute(sql: "DELETE FROM behaviourLog WHERE targetID = ? AND kind IN ('follow', 'unfollow')", arguments: [followee])
            for follower in followers {
                try db.execute(sql: "UPDATE users SET followingCount = MAX(0, followingCount - 1) WHERE id = ?", arguments: [follower])
            }
            return followers
        }
    }

    /// Deletes the account row of `user` with their sessions, every behaviour row still left and
    /// their entries of the behaviour log, in one transaction. Returns whether the account existed.
    public func deleteAccount(id user: ReelID) async throws -> Bool {
        try requireResident(user, "user")
        return try await pool.write { db in
            for (table, column) in [("watchEvents", "userID"), ("likes", "userID"), ("shares", "userID"), ("notInterested", "userID"),
                                    ("follows", "followerID"), ("comments", "authorID"), ("sessions", "userID"),
                                    // Their reports; the cases keep only the reports' IDs, which then name nobody.
                                    ("reports", "reporterID"),
                                    ("appeals", "appellantID"), ("notifications", "userID")] {
                try db.execute(sql: "DELETE FROM \(table) WHERE \(column) = ?", arguments: [user])
            }
            // Statements of reasons stay for the transparency report, without the comment text they held.
            try db.execute(sql: "UPDATE statements SET heldComment = NULL WHERE affectedUserID = ?", arguments: [user])
            // Abuse-limit rows name the user too: their daily counts and their rate-limit buckets (`<action>:user:<id>`).
            try db.execute(sql: "DELETE FROM dailyCounts WHERE userID = ?", arguments: [user])
            try db.execute(sql: "DELETE FROM rateLimits WHERE bucket LIKE ?", arguments: ["%:user:\(user)"])
            // Last: the deletes above logged unlikes and unfollows of this user.
            try db.execute(sql: "DELETE FROM behaviourLog WHERE userID = ?", arguments: [user])
            return try Account.deleteOne(db, key: user)
        }
    }

    /// Checkpoints the write-ahead log and truncates it, so the page images from before an
    /// erasure leave the `-wal` file (deleted rows are already zeroed in their pages: `secure_delete`).
    /// - Throws: `DatabaseError` when readers keep the log past the busy timeout.
    public func scrubDeletedRows() async throws {
        try await DatabaseOpener.truncateLog(pool.pool)
    }
}
