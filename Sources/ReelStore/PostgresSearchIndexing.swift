import Foundation
import Logging
import PostgresNIO
import ReelCore

/// The writes that keep the PostgreSQL public index's tags and search rows in step with its videos
/// and profiles. The folded texts are exactly those the SQLite FTS5 tables hold (``PublicIndex``'s
/// `indexVideo`/`indexProfile`), and `document` is the TSVECTOR of their tokens (``SearchText/tokens(ofFolded:)``),
/// built with `array_to_tsvector` so PostgreSQL's own parser never re-splits a word.
enum PostgresSearchIndexing {
    /// Rewrites a listed video's tags and search row (its creator's display name read from `profiles`).
    static func reindex(_ connection: PostgresConnection, _ video: PublicVideo, logger: Logger) async throws {
        try await connection.query("DELETE FROM video_tags WHERE video_id = \(video.id.bits)", logger: logger)
        for tag in video.hashtags {
            try await connection.query("""
                INSERT INTO video_tags (tag, video_id, display, search_key)
                VALUES (\(tag.key), \(video.id.bits), \(tag.display), \(PublicIndex.tagSearchKey(tag.key))) ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        let names = try await connection.query("SELECT display_name FROM profiles WHERE user_id = \(video.creatorID.bits)",
                                                logger: logger).collect()
        let displayName = try names.first?.decode(String.self) ?? ""
        let fields = [SearchText.fold(video.caption), video.hashtags.map { SearchText.fold($0.key) }.joined(separator: " "),
                      PublicIndex.searchableHandle(video.creatorHandle), SearchText.fold(displayName)]
        try await connection.query("""
            INSERT INTO video_search (id, caption, hashtags, handle, display_name, document)
            VALUES (\(video.id.bits), \(fields[0]), \(fields[1]), \(fields[2]), \(fields[3]), array_to_tsvector(\(tokens(fields))))
            ON CONFLICT (id) DO UPDATE SET caption = EXCLUDED.caption, hashtags = EXCLUDED.hashtags, handle = EXCLUDED.handle,
                display_name = EXCLUDED.display_name, document = EXCLUDED.document
            """, logger: logger)
    }

    /// Rewrites a profile's search row and the creator columns of their videos' search rows.
    static func indexProfile(_ connection: PostgresConnection, _ profile: PublicProfile, logger: Logger) async throws {
        let handle = PublicIndex.searchableHandle(profile.handle), displayName = SearchText.fold(profile.displayName)
        try await connection.query("""
            INSERT INTO profile_search (user_id, handle, display_name, document)
            VALUES (\(profile.userID.bits), \(handle), \(displayName), array_to_tsvector(\(tokens([handle, displayName]))))
            ON CONFLICT (user_id) DO UPDATE SET handle = EXCLUDED.handle, display_name = EXCLUDED.display_name, document = EXCLUDED.document
            """, logger: logger)
        let rows = try await connection.query("""
            SELECT video_search.id, video_search.caption, video_search.hashtags FROM video_search
            JOIN videos ON videos.id = video_search.id WHERE videos.creator_id = \(profile.userID.bits)
            """, logger: logger).collect()
        for row in rows {
            let (id, caption, hashtags) = try row.decode((Int64, String, String).self)
            try await connection.query("""
                UPDATE video_search SET handle = \(handle), display_name = \(displayName),
                    document = array_to_tsvector(\(tokens([caption, hashtags, handle, displayName]))) WHERE id = \(id)
                """, logger: logger)
        }
    }

    /// The distinct tokens of folded field texts (a TSVECTOR's lexemes; never empty strings).
    static func tokens(_ folded: [String]) -> [String] {
        Array(Set(folded.flatMap { SearchText.tokens(ofFolded: $0) })).sorted()
    }

    /// The TSQUERY text for `terms`: each a quoted prefix lexeme (`'term':*`), all required. Parsed by
    /// the `tsquery` type (no dictionary), so a term is matched exactly as folded. Nil when there are no terms.
    static func query(_ terms: [String]) -> String? {
        let parts = terms.filter { !$0.isEmpty }.map { term in
            "'" + term.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "':*"
        }
        return parts.isEmpty ? nil : parts.joined(separator: " & ")
    }
}
