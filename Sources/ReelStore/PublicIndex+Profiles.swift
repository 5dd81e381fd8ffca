import Foundation
import GRDB
import ReelCore

extension PublicIndex {
    /// The public profiles of `userIDs` that exist, in no particular order: one query for a page
    /// of videos by many creators, instead of one per creator.
    public func profiles(userIDs: [ReelID]) async throws -> [PublicProfile] {
        guard !userIDs.isEmpty else { return [] }
        // A cached statement: feed pages ask this for about 20 IDs on every request, so the same SQL
        // text recurs and SQLite's parse and GRDB's authorizer run once, not per request.
        return try await pool.read { db in
            try PublicProfile.fetchAll(db, SQLRequest<PublicProfile>(literal: "SELECT * FROM profiles WHERE userID IN \(userIDs)", cached: true))
        }
    }
}
