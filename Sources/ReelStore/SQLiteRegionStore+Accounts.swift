import Foundation
import GRDB
import ReelCore

extension SQLiteRegionStore {
    /// Stores a new account.
    /// - Throws: ``ReelError`` `email_taken` / `handle_taken` (409) on a duplicate.
    public func insertAccount(_ account: Account) async throws {
        try requireResident(account.id, "user")
        do {
            try await pool.write { db in try account.insert(db) }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            if error.message?.contains("email") == true {
                throw ReelError.conflict("An account with this email already exists.", code: "email_taken")
            }
            throw ReelError.conflict("This handle is taken.", code: "handle_taken")
        }
    }

    /// The account with this ID, if it lives here.
    public func account(id: ReelID) async throws -> Account? {
        try await pool.read { db in try Account.fetchOne(db, SQLRequest<Account>(literal: "SELECT * FROM users WHERE id = \(id)", cached: true)) }
    }

    /// The account whose email has this blind index, if it lives here.
    public func account(emailIndex: String) async throws -> Account? {
        try await pool.read { db in try Account.filter(Column("emailIndex") == emailIndex).fetchOne(db) }
    }

    /// Up to `limit` accounts written before envelope encryption.
    public func unsealedAccounts(limit: Int) async throws -> [Account] {
        try await pool.read { db in try Account.filter(Column("dataKeyID") == nil).limit(limit).fetchAll(db) }
    }

    /// The custodian key ID stored under `name`, if any.
    public func regionKeyID(named name: String) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT keyID FROM regionKeys WHERE name = ?", arguments: [name]) }
    }

    /// Stores `keyID` under `name` unless one is stored already; returns the stored one.
    public func recordRegionKeyID(named name: String, keyID: String) async throws -> String {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO regionKeys (name, keyID) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", arguments: [name, keyID])
            return try String.fetchOne(db, sql: "SELECT keyID FROM regionKeys WHERE name = ?", arguments: [name]) ?? keyID
        }
    }

    /// Applies `change` to the account and saves it, returning the result.
    /// - Throws: ``ReelError`` not found.
    public func updateAccount(id: ReelID, _ change: @Sendable @escaping (inout Account) -> Void) async throws -> Account {
        try await pool.write { db in
            guard var account = try Account.fetchOne(db, key: id) else { throw ReelError.notFound("user") }
            change(&account)
            try account.update(db)
            return account
        }
    }

    /// Adds deltas to an account's aggregate counters (never below zero) and returns the account.
    public func applyAccountCounterDeltas(id: ReelID, followers: Int, following: Int, likes: Int, videos: Int) async throws -> Account? {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE users SET followerCount = MAX(0, followerCount + ?), followingCount = MAX(0, followingCount + ?),
                likeCount = MAX(0, likeCount + ?), videoCount = MAX(0, videoCount + ?) WHERE id = ?
                """, arguments: [followers, following, likes, videos, id])
            return try Account.fetchOne(db, key: id)
        }
    }

    /// Stores a new login session.
    public func insertSession(_ session: Session) async throws {
        try requireResident(session.userID, "user")
        // Like every ID, a session ID names its home region; one naming another region would be routed elsewhere.
        try requireResident(session.id, "session")
        try await pool.write { db in try session.insert(db) }
    }

    /// The session with this ID.
    public func session(id: ReelID) async throws -> Session? {
        try await pool.read { db in try Session.fetchOne(db, key: id) }
    }

    /// Marks a session revoked; later requests with its token get 401.
    public func revokeSession(id: ReelID, at date: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE sessions SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL",
                           arguments: [date.timeIntervalSince1970, id])
        }
    }
}
