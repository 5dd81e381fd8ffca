extension PostgresRegionMigrations {
    /// v2: the behaviour log and the change log, filled by triggers in the writing transaction and
    /// numbered from a counter row (`log_heads`) that the same transaction updates. The update
    /// holds the counter's row lock until commit, so a transaction that gets a larger number commits
    /// after every one with a smaller number: numbers follow commit order, and a reader that has
    /// every entry up to `n` never misses one it will read later above `n` (unlike BIGSERIAL, whose
    /// values are taken at insert time). The cost: appends to one log of a region are serialised,
    /// one counter update per writing transaction. Existing behaviour is copied into the log in time
    /// order. Transcode jobs get a lease. Additive only: a process of the previous version keeps
    /// working on the new schema, and what it writes is logged too (rolling upgrade).
    static let logs = PostgresMigration(version: "v2-behaviour-and-change-logs", statements: [
        "CREATE TABLE log_heads (name TEXT PRIMARY KEY, seq BIGINT NOT NULL)",
        "INSERT INTO log_heads (name, seq) VALUES ('behaviour', 0), ('changes', 0)",
        """
        CREATE FUNCTION reel_next_seq(log_name TEXT) RETURNS BIGINT LANGUAGE sql AS $$
            UPDATE log_heads SET seq = seq + 1 WHERE name = log_name RETURNING seq
        $$
        """,
        """
        CREATE TABLE behaviour_log (
            seq BIGINT PRIMARY KEY, kind TEXT NOT NULL, user_id BIGINT NOT NULL, target_id BIGINT NOT NULL,
            watched_ms BIGINT NOT NULL DEFAULT 0, duration_ms BIGINT NOT NULL DEFAULT 0, completed BOOLEAN NOT NULL DEFAULT false,
            replayed BOOLEAN NOT NULL DEFAULT false, at DOUBLE PRECISION NOT NULL)
        """,
        "CREATE INDEX behaviour_log_by_user ON behaviour_log (user_id)",
        """
        INSERT INTO behaviour_log (seq, kind, user_id, target_id, watched_ms, duration_ms, completed, replayed, at)
        SELECT row_number() OVER (ORDER BY at, kind, user_id, target_id), kind, user_id, target_id, watched_ms, duration_ms,
            completed, replayed, at FROM (
            SELECT 'watch' AS kind, user_id, video_id AS target_id, watched_ms, duration_ms, completed, replayed, at FROM watch_events
            UNION ALL SELECT 'like', user_id, video_id, 0, 0, false, false, created_at FROM likes
            UNION ALL SELECT 'share', user_id, video_id, 0, 0, false, false, created_at FROM shares
            UNION ALL SELECT 'comment', author_id, video_id, 0, 0, false, false, created_at FROM comments
            UNION ALL SELECT 'notInterested', user_id, video_id, 0, 0, false, false, created_at FROM not_interested
            UNION ALL SELECT 'follow', follower_id, followee_id, 0, 0, false, false, created_at FROM follows
        ) AS history
        """,
        "UPDATE log_heads SET seq = (SELECT COALESCE(MAX(seq), 0) FROM behaviour_log) WHERE name = 'behaviour'",
        // TG_ARGV: kind, user column, target column, time column (a DELETE logs the current time).
        """
        CREATE FUNCTION reel_log_behaviour() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE r jsonb;
        BEGIN
            IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
            INSERT INTO behaviour_log (seq, kind, user_id, target_id, watched_ms, duration_ms, completed, replayed, at)
            VALUES (reel_next_seq('behaviour'), TG_ARGV[0], (r ->> TG_ARGV[1])::bigint, (r ->> TG_ARGV[2])::bigint,
                COALESCE((r ->> 'watched_ms')::bigint, 0), COALESCE((r ->> 'duration_ms')::bigint, 0),
                COALESCE((r ->> 'completed')::boolean, false), COALESCE((r ->> 'replayed')::boolean, false),
                CASE WHEN TG_OP = 'DELETE' THEN extract(epoch FROM clock_timestamp())::double precision
                     ELSE (r ->> TG_ARGV[3])::double precision END);
            RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER watch_events_log AFTER INSERT ON watch_events FOR EACH ROW EXECUTE FUNCTION reel_log_behaviour('watch', 'user_id', 'video_id', 'at')",
        "CREATE TRIGGER likes_log AFTER INSERT ON likes FOR EACH ROW EXECUTE FUNCTION reel_log_behaviour('like', 'user_id', 'video_id', 'created_at')",
        "CREATE TRIGGER likes_undo_log AFTER DELETE ON likes FOR EACH ROW EXECUTE FUNCTION reel_log_behaviour('unlike', 'user_id', 'video_id', 'created_at')",
        "CREATE TRIGGER shares_log AFTER INSERT ON shares FOR EACH ROW EXECUTE FUNCTION reel_log_behaviour('share', 'user_id', 'video_id', 'created_at')",
        "CREATE TRIGGER comments_log AFTER INSERT ON comments FOR EACH ROW EXECUTE FUNCTION reel_log_behaviour('comment', 'author_id', 'video_id', 'created_at')",
        """
        CREATE TRIGGER not_interested_log AFTER INSERT ON not_interested
        FOR EACH ROW EXECUTE FUNCTION reel_log_behaviour('notInterested', 'user_id', 'video_id', 'created_at')
        """,
        "CREATE TRIGGER follows_log AFTER INSERT ON follows FOR EACH ROW EXECUTE FUNCTION reel_log_behaviour('follow', 'follower_id', 'followee_id', 'created_at')",
        """
        CREATE TRIGGER follows_undo_log AFTER DELETE ON follows
        FOR EACH ROW EXECUTE FUNCTION reel_log_behaviour('unfollow', 'follower_id', 'followee_id', 'created_at')
        """,
        "CREATE TABLE change_log (seq BIGINT PRIMARY KEY, kind TEXT NOT NULL, id BIGINT NOT NULL)",
        // TG_ARGV: kind. Logs the row's id (OLD's for a DELETE).
        """
        CREATE FUNCTION reel_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO change_log (seq, kind, id)
            VALUES (reel_next_seq('changes'), TG_ARGV[0], CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER sessions_revoked_log AFTER UPDATE OF revoked_at ON sessions FOR EACH ROW
        WHEN (NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL) EXECUTE FUNCTION reel_log_change('session')
        """,
        "CREATE TRIGGER sessions_deleted_log AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION reel_log_change('session')",
        """
        CREATE TRIGGER videos_changed_log AFTER UPDATE ON videos FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.visibility IS DISTINCT FROM NEW.visibility
            OR OLD.width IS DISTINCT FROM NEW.width OR OLD.height IS DISTINCT FROM NEW.height OR OLD.caption IS DISTINCT FROM NEW.caption)
        EXECUTE FUNCTION reel_log_change('video')
        """,
        "CREATE TRIGGER videos_deleted_log AFTER DELETE ON videos FOR EACH ROW EXECUTE FUNCTION reel_log_change('video')",
        "ALTER TABLE transcode_jobs ADD COLUMN lease_expires_at DOUBLE PRECISION",
    ])
}
