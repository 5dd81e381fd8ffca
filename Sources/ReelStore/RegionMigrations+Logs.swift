import GRDB

extension RegionMigrations {
    /// Behaviour rows logged by trigger, in the writing transaction (`behaviourLog`, numbered by
    /// `AUTOINCREMENT`: SQLite has one writer at a time, so numbers follow commit order and are
    /// never reused); `changeLog` for sessions revoked or deleted and videos changed or deleted;
    /// transcode job leases. Existing behaviour is copied into the log in time order first.
    /// Additive only: a process of the previous version keeps working on the new schema (rolling upgrade).
    static func addLogs(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE behaviourLog (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, userID INTEGER NOT NULL, targetID INTEGER NOT NULL,
                watchedMs INTEGER NOT NULL DEFAULT 0, durationMs INTEGER NOT NULL DEFAULT 0, completed BOOLEAN NOT NULL DEFAULT 0,
                replayed BOOLEAN NOT NULL DEFAULT 0, at DOUBLE NOT NULL);
            CREATE INDEX behaviourLog_by_user ON behaviourLog (userID);
            INSERT INTO behaviourLog (kind, userID, targetID, watchedMs, durationMs, completed, replayed, at)
            SELECT kind, userID, targetID, watchedMs, durationMs, completed, replayed, at FROM (
                SELECT 'watch' AS kind, userID, videoID AS targetID, watchedMs, durationMs, completed, replayed, at FROM watchEvents
                UNION ALL SELECT 'like', userID, videoID, 0, 0, 0, 0, createdAt FROM likes
                UNION ALL SELECT 'share', userID, videoID, 0, 0, 0, 0, createdAt FROM shares
                UNION ALL SELECT 'comment', authorID, videoID, 0, 0, 0, 0, createdAt FROM comments
                UNION ALL SELECT 'notInterested', userID, videoID, 0, 0, 0, 0, createdAt FROM notInterested
                UNION ALL SELECT 'follow', followerID, followeeID, 0, 0, 0, 0, createdAt FROM follows
            ) ORDER BY at;
            CREATE TRIGGER watchEvents_log AFTER INSERT ON watchEvents BEGIN
                INSERT INTO behaviourLog (kind, userID, targetID, watchedMs, durationMs, completed, replayed, at)
                VALUES ('watch', NEW.userID, NEW.videoID, NEW.watchedMs, NEW.durationMs, NEW.completed, NEW.replayed, NEW.at);
            END;
            CREATE TABLE changeLog (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, id INTEGER NOT NULL);
            CREATE TRIGGER sessions_revoked_log AFTER UPDATE OF revokedAt ON sessions WHEN NEW.revokedAt IS NOT NULL BEGIN
                INSERT INTO changeLog (kind, id) VALUES ('session', NEW.id);
            END;
            CREATE TRIGGER sessions_deleted_log AFTER DELETE ON sessions BEGIN
                INSERT INTO changeLog (kind, id) VALUES ('session', OLD.id);
            END;
            CREATE TRIGGER videos_changed_log AFTER UPDATE ON videos
            WHEN OLD.status IS NOT NEW.status OR OLD.visibility IS NOT NEW.visibility OR OLD.width IS NOT NEW.width
                OR OLD.height IS NOT NEW.height OR OLD.caption IS NOT NEW.caption BEGIN
                INSERT INTO changeLog (kind, id) VALUES ('video', NEW.id);
            END;
            CREATE TRIGGER videos_deleted_log AFTER DELETE ON videos BEGIN
                INSERT INTO changeLog (kind, id) VALUES ('video', OLD.id);
            END;
            ALTER TABLE transcodeJobs ADD COLUMN leaseExpiresAt DOUBLE;
            """)
        // One trigger per (table, kind): insert logs the act, delete logs its withdrawal.
        let logged: [(table: String, kind: String, undo: String?, user: String, target: String, time: String)] = [
            ("likes", "like", "unlike", "userID", "videoID", "createdAt"),
            ("shares", "share", nil, "userID", "videoID", "createdAt"),
            ("comments", "comment", nil, "authorID", "videoID", "createdAt"),
            ("notInterested", "notInterested", nil, "userID", "videoID", "createdAt"),
            ("follows", "follow", "unfollow", "followerID", "followeeID", "createdAt"),
        ]
        for spec in logged {
            try db.execute(sql: """
                CREATE TRIGGER \(spec.table)_log AFTER INSERT ON \(spec.table) BEGIN
                    INSERT INTO behaviourLog (kind, userID, targetID, at) VALUES ('\(spec.kind)', NEW.\(spec.user), NEW.\(spec.target), NEW.\(spec.time));
                END
                """)
            guard let undo = spec.undo else { continue }
            try db.execute(sql: """
                CREATE TRIGGER \(spec.table)_undo_log AFTER DELETE ON \(spec.table) BEGIN
                    INSERT INTO behaviourLog (kind, userID, targetID, at)
                    VALUES ('\(undo)', OLD.\(spec.user), OLD.\(spec.target), (julianday('now') - 2440587.5) * 86400.0);
                END
                """)
        }
    }
}
