import Foundation
import GRDB
import ReelCore

extension PublicIndex {
    /// The public profiles of `userIDs` that exist, in no particular order: one query for a page
    /// of videos by many creators, instead of one per creator.
    public func profiles(userIDs: [ReelID]) async throws -> [PublicProfile] {
        guard !userIDs.isEmpty else { return [] }
        return try await pool.read { db in try PublicProfile.fetchAll(db, keys: userIDs) }
    }
}
