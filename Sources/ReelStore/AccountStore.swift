import Foundation
import ReelCore

/// Accounts and login sessions of one region's users (the protected account rows).
///
/// Every method is one transaction. Writes of a user's personal data refuse IDs of another region
/// (``ReelError`` `residency_violation`), whatever the engine.
public protocol AccountStore: Sendable {
    /// Stores a new account.
    /// - Throws: ``ReelError`` `email_taken` / `handle_taken` (409) on a duplicate.
    func insertAccount(_ account: Account) async throws
    /// The account with this ID, if it lives here.
    func account(id: ReelID) async throws -> Account?
    /// The account whose email has this blind index (``Account/emailIndex``), if it lives here.
    func account(emailIndex: String) async throws -> Account?
    /// Up to `limit` accounts written before envelope encryption (no ``Account/dataKeyID`` yet).
    func unsealedAccounts(limit: Int) async throws -> [Account]
    /// The custodian key ID stored under `name` (e.g. the region's blind-index key), if any.
    func regionKeyID(named name: String) async throws -> String?
    /// Stores `keyID` under `name` unless one is stored already, and returns the one stored (so
    /// nodes racing to create a region key all use the first).
    func recordRegionKeyID(named name: String, keyID: String) async throws -> String
    /// Applies `change` to the account and saves it, returning the result.
    /// - Throws: ``ReelError`` not found.
    func updateAccount(id: ReelID, _ change: @Sendable @escaping (inout Account) -> Void) async throws -> Account
    /// Adds deltas to an account's aggregate counters (each never below zero) and returns the account;
    /// callers use ``adjustAccountCounters(id:followers:following:likes:videos:)``.
    func applyAccountCounterDeltas(id: ReelID, followers: Int, following: Int, likes: Int, videos: Int) async throws -> Account?
    /// Stores a new login session (its ID and its user's ID must be of this region).
    func insertSession(_ session: Session) async throws
    /// The session with this ID.
    func session(id: ReelID) async throws -> Session?
    /// Marks a session revoked; later requests with its token get 401.
    func revokeSession(id: ReelID, at date: Date) async throws
}

extension AccountStore {
    /// Adds deltas to an account's aggregate counters (never below zero) and returns the account.
    @discardableResult
    public func adjustAccountCounters(id: ReelID, followers: Int = 0, following: Int = 0, likes: Int = 0, videos: Int = 0) async throws -> Account? {
        try await applyAccountCounterDeltas(id: id, followers: followers, following: following, likes: likes, videos: videos)
    }
}
