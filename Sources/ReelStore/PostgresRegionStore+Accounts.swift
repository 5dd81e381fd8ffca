import Foundation
import PostgresNIO
import ReelCore

extension PostgresRegionStore {
    /// Stores a new account.
    /// - Throws: ``ReelError`` `email_taken` / `handle_taken` (409) on a duplicate.
    public func insertAccount(_ account: Account) async throws {
        try requireResident(account.id, "user")
        do {
            try await database.rows("""
                INSERT INTO users (id, handle, email, password_hash, country, birth_date, display_name, bio, avatar_url, is_private,
                    is_personalised_feed, created_at, follower_count, following_count, like_count, video_count, subject_nonce,
                    data_key_id, email_index, age_band)
                VALUES (\(account.id.bits), \(account.handle), \(account.email), \(account.passwordHash), \(account.country),
                    \(account.birthDate), \(account.displayName), \(account.bio), \(account.avatarURL), \(account.isPrivate),
                    \(account.isPersonalisedFeed), \(account.createdAt.timeIntervalSince1970), \(account.followerCount),
                    \(account.followingCount), \(account.likeCount), \(account.videoCount), \(account.subjectNonce),
                    \(account.dataKeyID), \(account.emailIndex), \(account.ageBand.rawValue))
                """)
        } catch {
            guard let constraint = PostgresDatabase.uniqueViolation(error) else { throw error }
            if constraint.contains("email") {
                throw ReelError.conflict("An account with this email already exists.", code: "email_taken")
            }
            throw ReelError.conflict("This handle is taken.", code: "handle_taken")
        }
    }

    /// The account with this ID, if it lives here.
    public func account(id: ReelID) async throws -> Account? {
        try await database.rows("SELECT * FROM users WHERE id = \(id.bits)").first.map(PostgresRows.account)
    }

    /// The account whose email has this blind index, if it lives here.
    public func account(emailIndex: String) async throws -> Account? {
        try await database.rows("SELECT * FROM users WHERE email_index = \(emailIndex)").first.map(PostgresRows.account)
    }

    /// Up to `limit` accounts written before envelope encryption.
    public func unsealedAccounts(limit: Int) async throws -> [Account] {
        try await database.rows("SELECT * FROM users WHERE data_key_id IS NULL LIMIT \(limit)").map(PostgresRows.account)
    }

    /// The custodian key ID stored under `name`, if any.
    public func regionKeyID(named name: String) async throws -> String? {
        try await database.rows("SELECT key_id FROM region_keys WHERE name = \(name)").first.map { try $0.decode(String.self) }
    }

    /// Stores `keyID` under `name` unless one is stored already; returns the stored one.
    public func recordRegionKeyID(named name: String, keyID: String) async throws -> String {
        try await database.rows("INSERT INTO region_keys (name, key_id) VALUES (\(name), \(keyID)) ON CONFLICT (name) DO NOTHING")
        return try await regionKeyID(named: name) ?? keyID
    }

    /// Applies `change` to the account and saves it (the row locked meanwhile), returning the result.
    /// - Throws: ``ReelError`` not found.
    public func updateAccount(id: ReelID, _ change: @Sendable @escaping (inout Account) -> Void) async throws -> Account {
        try await database.transaction { connection in
            let rows = try await connection.query("SELECT * FROM users WHERE id = \(id.bits) FOR UPDATE", logger: database.logger).collect()
            guard var account = try rows.first.map(PostgresRows.account) else { throw ReelError.notFound("user") }
            change(&account)
            try await connection.query("""
                UPDATE users SET handle = \(account.handle), email = \(account.email), password_hash = \(account.passwordHash),
                    country = \(account.country), birth_date = \(account.birthDate), display_name = \(account.displayName),
                    bio = \(account.bio), avatar_url = \(account.avatarURL), is_private = \(account.isPrivate),
                    is_personalised_feed = \(account.isPersonalisedFeed), created_at = \(account.createdAt.timeIntervalSince1970),
                    follower_count = \(account.followerCount), following_count = \(account.followingCount),
                    like_count = \(account.likeCount), video_count = \(account.videoCount), subject_nonce = \(account.subjectNonce),
                    data_key_id = \(account.dataKeyID), email_index = \(account.emailIndex), age_band = \(account.ageBand.rawValue),
                    suspended_until = \(account.suspendedUntil?.timeIntervalSince1970),
                    terminated_at = \(account.terminatedAt?.timeIntervalSince1970)
                WHERE id = \(id.bits)
                """, logger: database.logger)
            return account
        }
    }

    /// Adds deltas to an account's aggregate counters (never below zero) and returns the account.
    public func applyAccountCounterDeltas(id: ReelID, followers: Int, following: Int, likes: Int, videos: Int) async throws -> Account? {
        try await database.rows("""
            UPDATE users SET follower_count = GREATEST(0, follower_count + \(followers)),
                following_count = GREATEST(0, following_count + \(following)),
                like_count = GREATEST(0, like_count + \(likes)), video_count = GREATEST(0, video_count + \(videos))
            WHERE id = \(id.bits) RETURNING *
            """).first.map(PostgresRows.account)
    }

    /// Stores a new login session.
    public func insertSession(_ session: Session) async throws {
        try requireResident(session.userID, "user")
        try requireResident(session.id, "session")
        try await database.rows("""
            INSERT INTO sessions (id, user_id, created_at, expires_at, revoked_at)
            VALUES (\(session.id.bits), \(session.userID.bits), \(session.createdAt.timeIntervalSince1970),
                \(session.expiresAt.timeIntervalSince1970), \(session.revokedAt?.timeIntervalSince1970))
            """)
    }

    /// The session with this ID.
    public func session(id: ReelID) async throws -> Session? {
        try await database.rows("SELECT * FROM sessions WHERE id = \(id.bits)").first.map(PostgresRows.session)
    }

    /// Marks a session revoked; later requests with its token get 401.
    public func revokeSession(id: ReelID, at date: Date) async throws {
        try await database.rows("UPDATE sessions SET revoked_at = \(date.timeIntervalSince1970) WHERE id = \(id.bits) AND revoked_at IS NULL")
    }
}
