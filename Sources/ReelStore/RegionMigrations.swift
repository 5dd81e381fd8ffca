import Foundation
import GRDB
import ReelCore

/// The schema of a region database. Shipped migrations are never edited, only followed.
enum RegionMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "users") { t in
                t.primaryKey("id", .integer)
                t.column("handle", .text).notNull().unique()
                t.column("email", .text).notNull().unique()
                t.column("passwordHash", .text).notNull()
                t.column("country", .text).notNull()
                t.column("birthDate", .text).notNull()
                t.column("displayName", .text).notNull()
                t.column("bio", .text).notNull()
                t.column("avatarURL", .text)
                t.column("isPrivate", .boolean).notNull()
                t.column("isPersonalisedFeed", .boolean).notNull()
                t.column("createdAt", .double).notNull()
                t.column("followerCount", .integer).notNull()
                t.column("followingCount", .integer).notNull()
                t.column("likeCount", .integer).notNull()
                t.column("videoCount", .integer).notNull()
            }
            try db.create(table: "sessions") { t in
                t.primaryKey("id", .integer)
                t.column("userID", .integer).notNull().indexed()
                t.column("createdAt", .double).notNull()
                t.column("expiresAt", .double).notNull()
                t.column("revokedAt", .double)
            }
            try db.create(table: "videos") { t in
                t.primaryKey("id", .integer)
                t.column("creatorID", .integer).notNull()
                t.column("caption", .text).notNull()
                t.column("hashtags", .text).notNull()
                t.column("visibility", .text).notNull()
                t.column("status", .text).notNull()
                t.column("failureReason", .text)
                t.column("durationMs", .integer)
                t.column("width", .integer)
                t.column("height", .integer)
                t.column("createdAt", .double).notNull()
                t.column("viewCount", .integer).notNull()
                t.column("likeCount", .integer).notNull()
                t.column("commentCount", .integer).notNull()
                t.column("shareCount", .integer).notNull()
            }
            try db.create(index: "videos_by_creator", on: "videos", columns: ["creatorID", "id"])
            try db.create(table: "transcodeJobs") { t in
                t.primaryKey("videoID", .integer).references("videos", onDelete: .cascade)
                t.column("state", .text).notNull()
                t.column("attempts", .integer).notNull()
                t.column("createdAt", .double).notNull()
                t.column("updatedAt", .double).notNull()
            }
            try db.create(table: "follows") { t in
                t.column("followerID", .integer).notNull()
                t.column("followeeID", .integer).notNull()
                t.column("createdAt", .double).notNull()
                t.primaryKey(["followerID", "followeeID"])
            }
            try db.create(table: "likes") { t in
                t.column("userID", .integer).notNull()
                t.column("videoID", .integer).notNull()
                t.column("createdAt", .double).notNull()
                t.primaryKey(["userID", "videoID"])
            }
            try db.create(index: "likes_by_time", on: "likes", columns: ["createdAt"])
            try db.create(table: "comments") { t in
                t.primaryKey("id", .integer)
                t.column("videoID", .integer).notNull()
                t.column("authorID", .integer).notNull().indexed()
                t.column("authorHandle", .text).notNull()
                t.column("body", .text).notNull()
                t.column("createdAt", .double).notNull()
            }
            try db.create(index: "comments_by_video", on: "comments", columns: ["videoID", "id"])
            try db.create(table: "watchEvents") { t in
                t.column("clientEventID", .text).notNull()
                t.column("userID", .integer).notNull()
                t.column("videoID", .integer).notNull()
                t.column("watchedMs", .integer).notNull()
                t.column("durationMs", .integer).notNull()
                t.column("completed", .boolean).notNull()
                t.column("replayed", .boolean).notNull()
                t.column("at", .double).notNull()
                t.primaryKey(["userID", "clientEventID"])
            }
            try db.create(index: "watch_by_user_video", on: "watchEvents", columns: ["userID", "videoID"])
            try db.create(index: "watch_by_time", on: "watchEvents", columns: ["at"])
            try db.create(table: "notInterested") { t in
                t.column("userID", .integer).notNull()
                t.column("videoID", .integer).notNull()
                t.column("createdAt", .double).notNull()
                t.primaryKey(["userID", "videoID"])
            }
            try db.create(table: "shares") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("userID", .integer).notNull().indexed()
                t.column("videoID", .integer).notNull()
                t.column("createdAt", .double).notNull()
            }
        }
        // Hashtags become `{display, key}` objects with keys from the Unicode-aware normaliser;
        // re-parsing each caption gives stored videos exactly what a new upload would store.
        migrator.registerMigration("v2-hashtag-objects") { db in
            try HashtagReparsing.reparseCaptions(db, table: "videos")
        }
        migrator.registerMigration("v3-behaviour-and-change-logs", migrate: addLogs)
        // Each account's subject nonce (protected, 32 random bytes); existing accounts get theirs here.
        migrator.registerMigration("v4-subject-nonce") { db in
            try db.alter(table: "users") { t in t.add(column: "subjectNonce", .blob).notNull().defaults(to: Data()) }
            try db.execute(sql: "UPDATE users SET subjectNonce = randomblob(32)")
        }
        // Envelope encryption: the data key's ID, the email's blind index (unique per region), the plaintext
        // age band, and the region's own key IDs (the blind-index key). Existing rows are sealed by the server at start.
        migrator.registerMigration("v5-envelope-encryption") { db in
            try db.alter(table: "users") { t in
                t.add(column: "dataKeyID", .text)
                t.add(column: "emailIndex", .text)
                t.add(column: "ageBand", .text).notNull().defaults(to: AgeBand.under16.rawValue)
            }
            try db.create(index: "users_by_email_index", on: "users", columns: ["emailIndex"], options: .unique)
            try db.create(table: "regionKeys") { t in
                t.primaryKey("name", .text)
                t.column("keyID", .text).notNull()
            }
        }
        // Staff members and their sessions (docs/sovereignty.md, "Staff").
        migrator.registerMigration("v6-staff") { db in
            try db.execute(sql: """
                CREATE TABLE staff (
                    id INTEGER PRIMARY KEY, handle TEXT NOT NULL UNIQUE, role TEXT NOT NULL, passwordHash TEXT NOT NULL,
                    totpSecret BLOB NOT NULL, lastTOTPStep INTEGER, createdAt DOUBLE NOT NULL);
                CREATE TABLE staffSessions (
                    id INTEGER PRIMARY KEY, staffID INTEGER NOT NULL, createdAt DOUBLE NOT NULL, expiresAt DOUBLE NOT NULL, revokedAt DOUBLE);
                """)
        }
        // Reports (in the reporter's region) and moderation cases with their reports and actions (in the
        // content's region); docs/safety.md. A target has at most one open case.
        migrator.registerMigration("reports-v1") { db in
            try db.execute(sql: """
                CREATE TABLE reports (
                    id INTEGER PRIMARY KEY, reporterID INTEGER NOT NULL, targetKind TEXT NOT NULL, targetID INTEGER NOT NULL,
                    category TEXT NOT NULL, explanation TEXT NOT NULL, createdAt DOUBLE NOT NULL, caseID INTEGER NOT NULL,
                    UNIQUE (reporterID, targetKind, targetID));
                CREATE INDEX reports_by_reporter ON reports (reporterID, id);
                CREATE TABLE moderationCases (
                    id INTEGER PRIMARY KEY, targetKind TEXT NOT NULL, targetID INTEGER NOT NULL, state TEXT NOT NULL, outcome TEXT,
                    categories TEXT NOT NULL, severity INTEGER NOT NULL, reportCount INTEGER NOT NULL, reach24h INTEGER NOT NULL,
                    reachCheckedAt DOUBLE NOT NULL, priority INTEGER NOT NULL, createdAt DOUBLE NOT NULL, updatedAt DOUBLE NOT NULL);
                CREATE UNIQUE INDEX moderationCases_open_target ON moderationCases (targetKind, targetID) WHERE state = 'open';
                CREATE INDEX moderationCases_queue ON moderationCases (state, priority, id);
                CREATE TABLE caseReports (
                    caseID INTEGER NOT NULL, reporterRef INTEGER NOT NULL, category TEXT NOT NULL, explanation TEXT NOT NULL,
                    createdAt DOUBLE NOT NULL, PRIMARY KEY (caseID, reporterRef));
                CREATE TABLE caseActions (
                    id INTEGER PRIMARY KEY, caseID INTEGER NOT NULL, action TEXT NOT NULL, ruleID TEXT NOT NULL,
                    guidelinesVersion TEXT NOT NULL, moderatorID INTEGER NOT NULL, facts TEXT NOT NULL, durationDays INTEGER,
                    territorialScope TEXT NOT NULL, createdAt DOUBLE NOT NULL, statementID INTEGER, endsAt DOUBLE);
                CREATE INDEX caseActions_by_case ON caseActions (caseID, id);
                CREATE INDEX watch_by_video_time ON watchEvents (videoID, at);
                """)
        }
        // Trust and safety, moderation actions: video restrictions, account suspension and
        // termination, and the statements of reasons about this region's users (docs/safety.md). A
        // change of restrictions is a video change every node's media cache must see (``ChangeLog``).
        migrator.registerMigration("actions-v1") { db in
            try db.execute(sql: """
                ALTER TABLE videos ADD COLUMN restrictions INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE users ADD COLUMN suspendedUntil DOUBLE;
                ALTER TABLE users ADD COLUMN terminatedAt DOUBLE;
                CREATE TABLE statements (
                    id INTEGER PRIMARY KEY, targetType TEXT NOT NULL, targetID INTEGER NOT NULL, affectedUserID INTEGER NOT NULL,
                    restriction TEXT NOT NULL, territorialScope TEXT NOT NULL, startsAt DOUBLE NOT NULL, endsAt DOUBLE,
                    facts TEXT NOT NULL, automatedDetection BOOLEAN NOT NULL, automatedDecision BOOLEAN NOT NULL,
                    ruleID TEXT NOT NULL, guidelinesVersion TEXT NOT NULL, legalGround TEXT, appealUntil DOUBLE NOT NULL,
                    appealHow TEXT NOT NULL, status TEXT NOT NULL, createdAt DOUBLE NOT NULL, moderatorID INTEGER NOT NULL,
                    reversedAt DOUBLE, heldComment TEXT);
                CREATE INDEX statements_by_user ON statements (affectedUserID, id);
                CREATE INDEX statements_by_target ON statements (targetID, targetType, status);
                CREATE TRIGGER videos_restricted_log AFTER UPDATE OF restrictions ON videos
                WHEN OLD.restrictions IS NOT NEW.restrictions BEGIN
                    INSERT INTO changeLog (kind, id) VALUES ('video', NEW.id);
                END;
                """)
        }
        // Follow requests, blocks and mutes (one table, by kind) and comment keyword filters (docs/safety.md).
        migrator.registerMigration("minors-v1-relationships") { db in
            try db.execute(sql: """
                CREATE TABLE relationships (
                    actorID INTEGER NOT NULL, targetID INTEGER NOT NULL, kind TEXT NOT NULL, createdAt DOUBLE NOT NULL,
                    PRIMARY KEY (actorID, kind, targetID));
                CREATE INDEX relationships_by_target ON relationships (targetID, kind, actorID);
                CREATE TABLE commentFilters (userID INTEGER PRIMARY KEY, keywords TEXT NOT NULL);
                """)
        }
        // Abuse limits (docs/safety.md, "Abuse limits"): rate-limit buckets shared by the region's nodes, keyed by
        // account or by a keyed hash of the client address (never the address), deleted when their window ends;
        // and the (user, video, day) pairs that raised a public view or share counter, kept two days.
        migrator.registerMigration("limits-v1") { db in
            try db.execute(sql: """
                CREATE TABLE rateLimits (
                    bucket TEXT PRIMARY KEY, hits INTEGER NOT NULL, windowStart DOUBLE NOT NULL, lastAt DOUBLE NOT NULL,
                    expiresAt DOUBLE NOT NULL);
                CREATE INDEX rateLimits_by_expiry ON rateLimits (expiresAt);
                CREATE TABLE dailyCounts (
                    userID INTEGER NOT NULL, videoID INTEGER NOT NULL, kind TEXT NOT NULL, day INTEGER NOT NULL,
                    PRIMARY KEY (userID, videoID, kind, day)) WITHOUT ROWID;
                CREATE INDEX dailyCounts_by_day ON dailyCounts (day);
                """)
        }
        // Appeals against moderation decisions (DSA Art. 20) and user notifications, in the user's home region.
        // At most one pending appeal per statement of reasons and per report (partial unique indexes).
        migrator.registerMigration("appeals-v1") { db in
            try db.execute(sql: """
                CREATE TABLE appeals (
                    id INTEGER PRIMARY KEY, appellantID INTEGER NOT NULL, statementID INTEGER, reportID INTEGER, caseID INTEGER,
                    caseRegion TEXT NOT NULL, decidedByModeratorID INTEGER NOT NULL, status TEXT NOT NULL, explanation TEXT NOT NULL,
                    createdAt DOUBLE NOT NULL, decidedAt DOUBLE, decisionExplanation TEXT, reviewerID INTEGER);
                CREATE INDEX appeals_by_appellant ON appeals (appellantID, id);
                CREATE INDEX appeals_by_case_region ON appeals (caseRegion, status, id);
                CREATE UNIQUE INDEX appeals_pending_statement ON appeals (statementID) WHERE status = 'pending' AND statementID IS NOT NULL;
                CREATE UNIQUE INDEX appeals_pending_report ON appeals (reportID) WHERE status = 'pending' AND reportID IS NOT NULL;
                CREATE TABLE notifications (
                    id INTEGER PRIMARY KEY, userID INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, createdAt DOUBLE NOT NULL,
                    statementID INTEGER, appealID INTEGER, reportID INTEGER);
                CREATE INDEX notifications_by_user ON notifications (userID, id);
                """)
        }
        // Anonymous reports counted once per client and target (docs/safety.md, "Reports"): a keyed hash of
        // the client address and the target (never the address), with the reference and case of its report,
        // forgotten after ReportService.anonymousMemory.
        migrator.registerMigration("reports-v2-anonymous") { db in
            try db.execute(sql: """
                CREATE TABLE anonymousReporters (
                    clientHash TEXT PRIMARY KEY, reporterRef INTEGER NOT NULL, caseID INTEGER, createdAt DOUBLE NOT NULL);
                CREATE INDEX anonymousReporters_by_age ON anonymousReporters (createdAt);
                """)
        }
        // Staff TOTP secrets sealed under a data key held by the region's custodian (docs/sovereignty.md, "Staff"):
        // the key's ID per staff member; rows without one still hold the plaintext secret and are sealed through the
        // custodian at the server's next start (``StaffSecrets``), overwritten in place (`secure_delete`).
        migrator.registerMigration("staff-v2-sealed-totp") { db in
            try db.execute(sql: "ALTER TABLE staff ADD COLUMN dataKeyID TEXT")
        }
        return migrator
    }
}
