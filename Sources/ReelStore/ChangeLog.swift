import Foundation
import ReelCore

/// One change a node's caches must not outlive, as read from a region's ``ChangeLog``.
public struct StoreChange: Sendable, Equatable {
    /// What changed.
    public enum Kind: String, Sendable {
        /// A login session was revoked (log-out) or deleted (account erasure): `id` is the session.
        case session
        /// A video's status, visibility or size changed, or it was deleted: `id` is the video.
        case video
    }

    /// Position in the region's change log, in commit order.
    public var sequence: Int64
    /// What changed.
    public var kind: Kind
    /// The session or video.
    public var id: ReelID

    /// Creates a change.
    public init(sequence: Int64, kind: Kind, id: ReelID) {
        self.sequence = sequence
        self.kind = kind
        self.id = id
    }
}

/// The changes of one region that must show at once on every node (sign-outs, privacy and status
/// changes of videos, deletions), numbered in commit order like the ``BehaviourLog``.
///
/// The engine appends an entry in the transaction that makes the change (database triggers on
/// `sessions` and `videos`), so no code path can forget it. A node that caches session or video
/// rows reads ``changeLogHead()`` before it serves a cached value and, when the head moved, drops
/// the entries ``changes(after:limit:)`` names.
public protocol ChangeLog: Sendable {
    /// The sequence number of the newest committed change (0 while there is none).
    /// - Complexity: one primary-key read.
    func changeLogHead() async throws -> Int64
    /// Up to `limit` changes numbered above `sequence`, in sequence order.
    func changes(after sequence: Int64, limit: Int) async throws -> [StoreChange]
}
