/// The schema of the public index on PostgreSQL: the tables of ``PublicIndex`` (SQLite) in
/// snake_case, with `video_search` and `profile_search` in place of the FTS5 tables. Each search row
/// keeps the folded field texts (for ``SearchRelevance``) and a `document` TSVECTOR of their tokens
/// (GIN-indexed), built from ``SearchText/tokens(ofFolded:)`` so both engines match the same words.
/// Shipped migrations are never edited, only followed.
enum PostgresPublicIndexMigrations {
    static let all: [PostgresMigration] = [
        PostgresMigration(version: "v1", statements: [
            """
            CREATE TABLE profiles (
                user_id BIGINT PRIMARY KEY, handle TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, bio TEXT NOT NULL, avatar_url TEXT,
                is_private BOOLEAN NOT NULL, follower_count BIGINT NOT NULL, following_count BIGINT NOT NULL,
                like_count BIGINT NOT NULL, video_count BIGINT NOT NULL)
            """,
            """
            CREATE TABLE videos (
                id BIGINT PRIMARY KEY, creator_id BIGINT NOT NULL, creator_handle TEXT NOT NULL, caption TEXT NOT NULL,
                hashtags TEXT NOT NULL, duration_ms BIGINT NOT NULL, width BIGINT NOT NULL, height BIGINT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL, view_count BIGINT NOT NULL, like_count BIGINT NOT NULL,
                comment_count BIGINT NOT NULL, share_count BIGINT NOT NULL)
            """,
            "CREATE INDEX videos_by_creator ON videos (creator_id, id)",
            """
            CREATE TABLE video_tags (
                tag TEXT NOT NULL, video_id BIGINT NOT NULL REFERENCES videos (id) ON DELETE CASCADE, display TEXT NOT NULL,
                search_key TEXT NOT NULL, PRIMARY KEY (tag, video_id))
            """,
            "CREATE INDEX video_tags_by_video ON video_tags (video_id)",
            "CREATE INDEX video_tags_by_search_key ON video_tags (search_key COLLATE \"C\", video_id)",
            """
            CREATE TABLE comments (
                id BIGINT PRIMARY KEY, video_id BIGINT NOT NULL REFERENCES videos (id) ON DELETE CASCADE, author_id BIGINT NOT NULL,
                author_handle TEXT NOT NULL, body TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX comments_by_video ON comments (video_id, id)",
            """
            CREATE TABLE video_search (
                id BIGINT PRIMARY KEY REFERENCES videos (id) ON DELETE CASCADE, caption TEXT NOT NULL, hashtags TEXT NOT NULL,
                handle TEXT NOT NULL, display_name TEXT NOT NULL, document TSVECTOR NOT NULL)
            """,
            "CREATE INDEX video_search_document ON video_search USING GIN (document)",
            """
            CREATE TABLE profile_search (
                user_id BIGINT PRIMARY KEY REFERENCES profiles (user_id) ON DELETE CASCADE, handle TEXT NOT NULL,
                display_name TEXT NOT NULL, document TSVECTOR NOT NULL)
            """,
            "CREATE INDEX profile_search_document ON profile_search USING GIN (document)",
        ]),
        // Moderation (docs/safety.md): the labels a listed video carries (unverified, demoted) and
        // until when an account is hidden (suspended or terminated).
        PostgresMigration(version: "actions-v1", statements: [
            "ALTER TABLE videos ADD COLUMN restrictions BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE profiles ADD COLUMN hidden_until DOUBLE PRECISION",
        ]),
        // Accounts under 16 are never publicly listed (docs/safety.md, "Minors").
        PostgresMigration(version: "minors-v1-discoverable", statements: [
            "ALTER TABLE profiles ADD COLUMN is_discoverable BOOLEAN NOT NULL DEFAULT true",
        ]),
    ]
}
