import Foundation
import ReelCore

/// A directed relationship between two users that is not a follow: a pending follow request, a
/// block or a mute (docs/safety.md, "Minors, follow requests, blocks, mutes, filters").
public enum RelationshipKind: String, Sendable, CaseIterable, Codable {
    /// The actor asked to follow the target's private account; pending until the target approves.
    case followRequest = "follow_request"
    /// The actor blocked the target: neither sees the other.
    case block
    /// The actor muted the target: the target's videos and comments leave the actor's feeds and comment lists.
    case mute
}

/// One relationship row: `actorID` did `kind` to `targetID` at `createdAt`.
public struct Relationship: Sendable, Equatable, Codable {
    /// Who asked, blocked or muted (the row lives in their home region).
    public var actorID: ReelID
    /// Whom it concerns.
    public var targetID: ReelID
    /// What it is.
    public var kind: RelationshipKind
    /// When it was made.
    public var createdAt: Date

    /// Creates a relationship row.
    public init(actorID: ReelID, targetID: ReelID, kind: RelationshipKind, createdAt: Date) {
        (self.actorID, self.targetID, self.kind, self.createdAt) = (actorID, targetID, kind, createdAt)
    }
}

/// Follow requests, blocks, mutes and comment keyword filters of one region's users: protected
/// personal data, kept in the acting user's home region (like follows); writes refuse an actor of
/// another region. The other side of a relationship (the requested, blocked or muted user) is found
/// by asking every region (``relationships(_:naming:before:limit:)``), as followers are.
public protocol RelationshipStore: Sendable {
    /// Records `actor → target` of `kind`. Returns false if it was already there.
    func addRelationship(_ kind: RelationshipKind, actor: ReelID, target: ReelID, at date: Date) async throws -> Bool
    /// Removes `actor → target` of `kind`. Returns false if there was none.
    func removeRelationship(_ kind: RelationshipKind, actor: ReelID, target: ReelID) async throws -> Bool
    /// Whether `actor → target` of `kind` exists.
    func hasRelationship(_ kind: RelationshipKind, actor: ReelID, target: ReelID) async throws -> Bool
    /// `actor`'s relationships of `kind`, by target ID descending, targets below `cursor` (at most `limit`).
    func relationships(_ kind: RelationshipKind, by actor: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Relationship]
    /// This region's users' relationships of `kind` naming `target`, by actor ID descending, actors
    /// below `cursor` (at most `limit`): a user's incoming follow requests, or who blocks them.
    func relationships(_ kind: RelationshipKind, naming target: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Relationship]
    /// Removes every relationship `user` made, and every one this region's users made naming them
    /// (the account is being erased), and their comment filter. Safe to repeat.
    func removeRelationships(involving user: ReelID) async throws
    /// The comment filter keywords `user` set, in the order set; empty when none.
    func commentFilter(of user: ReelID) async throws -> [String]
    /// Replaces `user`'s comment filter keywords (empty removes it).
    func setCommentFilter(of user: ReelID, keywords: [String]) async throws
}
