/// The schema of a region database on PostgreSQL: the same tables and rules as
/// ``RegionMigrations`` (SQLite), in PostgreSQL's snake_case. IDs are BIGINT (their 64 bits), times
/// DOUBLE PRECISION Unix seconds (as in SQLite, so time decay is plain arithmetic), hashtags the same
/// JSON text. Behaviour tables carry a `seq` (BIGSERIAL) from v1; since v2 the behaviour log's own numbering
/// (commit-ordered, see ``logs``) is what followers read.
/// Shipped migrations are never edited, only followed.
enum PostgresRegionMigrations {
    static let all: [PostgresMigration] = [
        PostgresMigration(version: "v1", statements: [
            """
            CREATE TABLE users (
                id BIGINT PRIMARY KEY, handle TEXT NOT NULL UNIQUE, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
                country TEXT NOT NULL, birth_date TEXT NOT NULL, display_name TEXT NOT NULL, bio TEXT NOT NULL, avatar_url TEXT,
                is_private BOOLEAN NOT NULL, is_personalised_feed BOOLEAN NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                follower_count BIGINT NOT NULL, following_count BIGINT NOT NULL, like_count BIGINT NOT NULL, video_count BIGINT NOT NULL)
            """,
            """
            CREATE TABLE sessions (
                id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                expires_at DOUBLE PRECISION NOT NULL, revoked_at DOUBLE PRECISION)
            """,
            "CREATE INDEX sessions_by_user ON sessions (user_id)",
            """
            CREATE TABLE videos (
                id BIGINT PRIMARY KEY, creator_id BIGINT NOT NULL, caption TEXT NOT NULL, hashtags TEXT NOT NULL,
                visibility TEXT NOT NULL, status TEXT NOT NULL, failure_reason TEXT, duration_ms BIGINT, width BIGINT, height BIGINT,
                created_at DOUBLE PRECISION NOT NULL, view_count BIGINT NOT NULL, like_count BIGINT NOT NULL,
                comment_count BIGINT NOT NULL, share_count BIGINT NOT NULL)
            """,
            "CREATE INDEX videos_by_creator ON videos (creator_id, id)",
            """
            CREATE TABLE transcode_jobs (
                video_id BIGINT PRIMARY KEY REFERENCES videos (id) ON DELETE CASCADE, state TEXT NOT NULL, attempts BIGINT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL)
            """,
            """
            CREATE TABLE follows (
                seq BIGSERIAL NOT NULL, follower_id BIGINT NOT NULL, followee_id BIGINT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (follower_id, followee_id))
            """,
            "CREATE INDEX follows_by_followee ON follows (followee_id)",
            """
            CREATE TABLE likes (
                seq BIGSERIAL NOT NULL, user_id BIGINT NOT NULL, video_id BIGINT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (user_id, video_id))
            """,
            "CREATE INDEX likes_by_time ON likes (created_at)",
            """
            CREATE TABLE comments (
                seq BIGSERIAL NOT NULL, id BIGINT PRIMARY KEY, video_id BIGINT NOT NULL, author_id BIGINT NOT NULL,
                author_handle TEXT NOT NULL, body TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX comments_by_video ON comments (video_id, id)",
            "CREATE INDEX comments_by_author ON comments (author_id)",
            """
            CREATE TABLE watch_events (
                seq BIGSERIAL NOT NULL, client_event_id TEXT NOT NULL, user_id BIGINT NOT NULL, video_id BIGINT NOT NULL,
                watched_ms BIGINT NOT NULL, duration_ms BIGINT NOT NULL, completed BOOLEAN NOT NULL, replayed BOOLEAN NOT NULL,
                at DOUBLE PRECISION NOT NULL, PRIMARY KEY (user_id, client_event_id))
            """,
            "CREATE INDEX watch_by_user_video ON watch_events (user_id, video_id)",
            "CREATE INDEX watch_by_time ON watch_events (at)",
            """
            CREATE TABLE not_interested (
                seq BIGSERIAL NOT NULL, user_id BIGINT NOT NULL, video_id BIGINT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (user_id, video_id))
            """,
            """
            CREATE TABLE shares (
                seq BIGSERIAL PRIMARY KEY, user_id BIGINT NOT NULL, video_id BIGINT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX shares_by_user ON shares (user_id)",
        ]),
        logs,
        // Each account's subject nonce (protected, 32 bytes); existing accounts get 32 bytes hashed from two
        // random UUIDs (gen_random_uuid draws from the server's cryptographic generator; no extension needed).
        PostgresMigration(version: "v3-subject-nonce", statements: [
            "ALTER TABLE users ADD COLUMN subject_nonce BYTEA NOT NULL DEFAULT ''::bytea",
            "UPDATE users SET subject_nonce = sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8'))",
        ]),
        // Envelope encryption: the data key's ID, the email's blind index (unique per region), the plaintext
        // age band, and the region's own key IDs (the blind-index key). Existing rows are sealed by the server at start.
        PostgresMigration(version: "v4-envelope-encryption", statements: [
            "ALTER TABLE users ADD COLUMN data_key_id TEXT, ADD COLUMN email_index TEXT, ADD COLUMN age_band TEXT NOT NULL DEFAULT 'under16'",
            "CREATE UNIQUE INDEX users_by_email_index ON users (email_index)",
            "CREATE TABLE region_keys (name TEXT PRIMARY KEY, key_id TEXT NOT NULL)",
        ]),
        // Staff members and their sessions (docs/sovereignty.md, "Staff").
        PostgresMigration(version: "v5-staff", statements: [
            """
            CREATE TABLE staff (
                id BIGINT PRIMARY KEY, handle TEXT NOT NULL UNIQUE, role TEXT NOT NULL, password_hash TEXT NOT NULL,
                totp_secret BYTEA NOT NULL, last_totp_step BIGINT, created_at DOUBLE PRECISION NOT NULL)
            """,
            """
            CREATE TABLE staff_sessions (
                id BIGINT PRIMARY KEY, staff_id BIGINT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                expires_at DOUBLE PRECISION NOT NULL, revoked_at DOUBLE PRECISION)
            """,
        ]),
        // Reports (in the reporter's region) and moderation cases with their reports and actions (in the
        // content's region); docs/safety.md. A target has at most one open case.
        PostgresMigration(version: "reports-v1", statements: [
            """
            CREATE TABLE reports (
                id BIGINT PRIMARY KEY, reporter_id BIGINT NOT NULL, target_kind TEXT NOT NULL, target_id BIGINT NOT NULL,
                category TEXT NOT NULL, explanation TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, case_id BIGINT NOT NULL,
                UNIQUE (reporter_id, target_kind, target_id))
            """,
            "CREATE INDEX reports_by_reporter ON reports (reporter_id, id)",
            """
            CREATE TABLE moderation_cases (
                id BIGINT PRIMARY KEY, target_kind TEXT NOT NULL, target_id BIGINT NOT NULL, state TEXT NOT NULL, outcome TEXT,
                categories TEXT NOT NULL, severity BIGINT NOT NULL, report_count BIGINT NOT NULL, reach_24h BIGINT NOT NULL,
                reach_checked_at DOUBLE PRECISION NOT NULL, priority BIGINT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE UNIQUE INDEX moderation_cases_open_target ON moderation_cases (target_kind, target_id) WHERE state = 'open'",
            "CREATE INDEX moderation_cases_queue ON moderation_cases (state, priority, id)",
            """
            CREATE TABLE case_reports (
                case_id BIGINT NOT NULL, reporter_ref BIGINT NOT NULL, category TEXT NOT NULL, explanation TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (case_id, reporter_ref))
            """,
            """
            CREATE TABLE case_actions (
                id BIGINT PRIMARY KEY, case_id BIGINT NOT NULL, action TEXT NOT NULL, rule_id TEXT NOT NULL,
                guidelines_version TEXT NOT NULL, moderator_id BIGINT NOT NULL, facts TEXT NOT NULL, duration_days BIGINT,
                territorial_scope TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, statement_id BIGINT, ends_at DOUBLE PRECISION)
            """,
            "CREATE INDEX case_actions_by_case ON case_actions (case_id, id)",
            "CREATE INDEX watch_by_video_time ON watch_events (video_id, at)",
        ]),
        // Trust and safety, moderation actions: video restrictions, account suspension and
        // termination, and the statements of reasons about this region's users (docs/safety.md). A
        // change of restrictions is a video change every node's media cache must see (``ChangeLog``).
        PostgresMigration(version: "actions-v1", statements: [
            "ALTER TABLE videos ADD COLUMN restrictions BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN suspended_until DOUBLE PRECISION, ADD COLUMN terminated_at DOUBLE PRECISION",
            """
            CREATE TABLE statements (
                id BIGINT PRIMARY KEY, target_type TEXT NOT NULL, target_id BIGINT NOT NULL, affected_user_id BIGINT NOT NULL,
                restriction TEXT NOT NULL, territorial_scope TEXT NOT NULL, starts_at DOUBLE PRECISION NOT NULL,
                ends_at DOUBLE PRECISION, facts TEXT NOT NULL, automated_detection BOOLEAN NOT NULL,
                automated_decision BOOLEAN NOT NULL, rule_id TEXT NOT NULL, guidelines_version TEXT NOT NULL, legal_ground TEXT,
                appeal_until DOUBLE PRECISION NOT NULL, appeal_how TEXT NOT NULL, status TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL, moderator_id BIGINT NOT NULL, reversed_at DOUBLE PRECISION, held_comment TEXT)
            """,
            "CREATE INDEX statements_by_user ON statements (affected_user_id, id)",
            "CREATE INDEX statements_by_target ON statements (target_id, target_type, status)",
            """
            CREATE TRIGGER videos_restricted_log AFTER UPDATE OF restrictions ON videos FOR EACH ROW
            WHEN (OLD.restrictions IS DISTINCT FROM NEW.restrictions) EXECUTE FUNCTION reel_log_change('video')
            """,
        ]),
        // Follow requests, blocks and mutes (one table, by kind) and comment keyword filters (docs/safety.md).
        PostgresMigration(version: "minors-v1-relationships", statements: [
            """
            CREATE TABLE relationships (
                actor_id BIGINT NOT NULL, target_id BIGINT NOT NULL, kind TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (actor_id, kind, target_id))
            """,
            "CREATE INDEX relationships_by_target ON relationships (target_id, kind, actor_id)",
            "CREATE TABLE comment_filters (user_id BIGINT PRIMARY KEY, keywords TEXT NOT NULL)",
        ]),
        // Abuse limits (docs/safety.md, "Abuse limits"): rate-limit buckets shared by the region's nodes, keyed by
        // account or by a keyed hash of the client address (never the address), deleted when their window ends;
        // and the (user, video, day) pairs that raised a public view or share counter, kept two days.
        PostgresMigration(version: "limits-v1", statements: [
            """
            CREATE TABLE rate_limits (
                bucket TEXT PRIMARY KEY, hits BIGINT NOT NULL, window_start DOUBLE PRECISION NOT NULL,
                last_at DOUBLE PRECISION NOT NULL, expires_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX rate_limits_by_expiry ON rate_limits (expires_at)",
            """
            CREATE TABLE daily_counts (
                user_id BIGINT NOT NULL, video_id BIGINT NOT NULL, kind TEXT NOT NULL, day BIGINT NOT NULL,
                PRIMARY KEY (user_id, video_id, kind, day))
            """,
            "CREATE INDEX daily_counts_by_day ON daily_counts (day)",
        ]),
        // Appeals against moderation decisions (DSA Art. 20) and user notifications, in the user's home region.
        // At most one pending appeal per statement of reasons and per report (partial unique indexes).
        PostgresMigration(version: "appeals-v1", statements: [
            """
            CREATE TABLE appeals (
                id BIGINT PRIMARY KEY, appellant_id BIGINT NOT NULL, statement_id BIGINT, report_id BIGINT, case_id BIGINT,
                case_region TEXT NOT NULL, decided_by_moderator_id BIGINT NOT NULL, status TEXT NOT NULL, explanation TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL, decided_at DOUBLE PRECISION, decision_explanation TEXT, reviewer_id BIGINT)
            """,
            "CREATE INDEX appeals_by_appellant ON appeals (appellant_id, id)",
            "CREATE INDEX appeals_by_case_region ON appeals (case_region, status, id)",
            "CREATE UNIQUE INDEX appeals_pending_statement ON appeals (statement_id) WHERE status = 'pending' AND statement_id IS NOT NULL",
            "CREATE UNIQUE INDEX appeals_pending_report ON appeals (report_id) WHERE status = 'pending' AND report_id IS NOT NULL",
            """
            CREATE TABLE notifications (
                id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                statement_id BIGINT, appeal_id BIGINT, report_id BIGINT)
            """,
            "CREATE INDEX notifications_by_user ON notifications (user_id, id)",
        ]),
        // Anonymous reports counted once per client and target (docs/safety.md, "Reports"): a keyed hash of
        // the client address and the target (never the address), with the reference and case of its report,
        // forgotten after ReportService.anonymousMemory.
        PostgresMigration(version: "reports-v2-anonymous", statements: [
            """
            CREATE TABLE anonymous_reporters (
                client_hash TEXT PRIMARY KEY, reporter_ref BIGINT NOT NULL, case_id BIGINT, created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX anonymous_reporters_by_age ON anonymous_reporters (created_at)",
        ]),
        // Staff TOTP secrets sealed under a data key held by the region's custodian (docs/sovereignty.md, "Staff"):
        // rows without a key ID still hold the plaintext secret and are sealed at the server's next start.
        PostgresMigration(version: "staff-v2-sealed-totp", statements: [
            "ALTER TABLE staff ADD COLUMN data_key_id TEXT",
        ]),
    ]
}
