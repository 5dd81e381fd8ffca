import Foundation
import ReelCore
import ReelSafety
import ReelStore

/// Follow requests, blocks, mutes and comment filters (docs/safety.md, "Minors, follow requests,
/// blocks, mutes, filters"). Each row lives in its actor's home region, like a follow edge.
extension SocialService {
    /// Another user as a list of follow requests, blocks or mutes shows them.
    struct UserSummary: Codable, Sendable {
        var id: ReelID
        var handle: String
        var displayName: String
        var avatarURL: String?
    }

    /// One entry of `GET /v1/me/follow-requests`, `/v1/me/blocks` or `/v1/me/mutes`.
    struct RelatedUser: Codable, Sendable {
        var user: UserSummary
        /// When the request, block or mute was made.
        var createdAt: Date
    }

    /// Pending follow requests to `owner` from every region, by requester ID descending. Requests
    /// from accounts erased since are left out, so a page may hold fewer than `limit`.
    func followRequests(to owner: ReelID, cursor: String?, limit: Int) async throws -> Page<RelatedUser> {
        let before = try ReelID.cursor(cursor)
        var found: [Relationship] = []
        for store in socialStores.all {
            found += try await store.relationships(.followRequest, naming: owner, before: before, limit: limit + 1)
        }
        found.sort { $0.actorID > $1.actorID }
        let page = Array(found.prefix(limit))
        return Page(items: try await summaries(page, of: \.actorID),
                    nextCursor: found.count > limit ? page.last.map { "\($0.actorID)" } : nil)
    }

    /// Approves the pending follow request of `handle` to `owner`: the request goes and the follow
    /// edge is written (in the requester's home region), with both counters.
    /// - Throws: ``ReelError`` 404 when `handle` has no pending request to `owner`.
    @discardableResult
    func approveFollowRequest(to owner: ReelID, from handle: String, now: Date = Date()) async throws -> RelatedUser {
        let requester = try await profile(handle: handle)
        guard try await home(requester.userID).removeRelationship(.followRequest, actor: requester.userID, target: owner) else {
            throw ReelError(.notFound, code: "not_found", message: "@\(handle) has no pending follow request to you.")
        }
        try await applyFollow(requester.userID, followee: owner, isFollowing: true, now: now)
        try await notifications.notify(requester.userID, kind: .followApproved,
                                       text: "A private account approved your follow request; you now see what it shares with followers.",
                                       now: now)
        return RelatedUser(user: UserSummary(requester), createdAt: now)
    }

    /// Tells `owner` (in their home region) that someone asked to follow them; once per request. The
    /// text names nobody: a notification outlives an erased account, while the request itself (listed
    /// with its requester at `GET /v1/me/follow-requests`) is erased with it.
    func notifyOfFollowRequest(to owner: ReelID, now: Date) async throws {
        try await notifications.notify(owner, kind: .followRequest,
                                       text: "Someone asked to follow your private account; approve or decline in your follow requests.", now: now)
    }

    /// Declines (deletes) the pending follow request of `handle` to `owner`; idempotent.
    /// - Throws: ``ReelError`` 404 for an unknown handle.
    func declineFollowRequest(to owner: ReelID, from handle: String) async throws {
        let requester = try await profile(handle: handle)
        _ = try await home(requester.userID).removeRelationship(.followRequest, actor: requester.userID, target: owner)
    }

    /// Blocks or unblocks `handle`; idempotent. A block removes the follows and follow requests
    /// between the two, both ways. Returns whether `viewer` now blocks them.
    /// - Throws: ``ReelError`` 404 unknown handle, 422 `cannot_block_self`.
    func setBlocked(_ viewer: ReelID, handle: String, isBlocked: Bool, now: Date = Date()) async throws -> Bool {
        let target = try await profile(handle: handle)
        guard target.userID != viewer else { throw ReelError.invalid("You cannot block yourself.", code: "cannot_block_self") }
        guard isBlocked else {
            _ = try await home(viewer).removeRelationship(.block, actor: viewer, target: target.userID)
            return false
        }
        _ = try await home(viewer).addRelationship(.block, actor: viewer, target: target.userID, at: now)
        for (one, other) in [(viewer, target.userID), (target.userID, viewer)] {
            _ = try await home(one).removeRelationship(.followRequest, actor: one, target: other)
            try await applyFollow(one, followee: other, isFollowing: false, now: now)
        }
        return true
    }

    /// Mutes or unmutes `handle`; idempotent. Returns whether `viewer` now mutes them.
    /// - Throws: ``ReelError`` 404 unknown handle, 422 `cannot_mute_self`.
    func setMuted(_ viewer: ReelID, handle: String, isMuted: Bool, now: Date = Date()) async throws -> Bool {
        let target = try await profile(handle: handle)
        guard target.userID != viewer else { throw ReelError.invalid("You cannot mute yourself.", code: "cannot_mute_self") }
        if isMuted {
            _ = try await home(viewer).addRelationship(.mute, actor: viewer, target: target.userID, at: now)
        } else {
            _ = try await home(viewer).removeRelationship(.mute, actor: viewer, target: target.userID)
        }
        return isMuted
    }

    /// The users `viewer` blocked or muted (`kind`), by user ID descending.
    func relatedUsers(_ kind: RelationshipKind, of viewer: ReelID, cursor: String?, limit: Int) async throws -> Page<RelatedUser> {
        let found = try await home(viewer).relationships(kind, by: viewer, before: try ReelID.cursor(cursor), limit: limit + 1)
        let page = Array(found.prefix(limit))
        return Page(items: try await summaries(page, of: \.targetID),
                    nextCursor: found.count > limit ? page.last.map { "\($0.targetID)" } : nil)
    }

    /// Every relationship `user` made, by kind, for their data export.
    func relationshipRecords(of user: ReelID) async throws -> [RelationshipKind: [UserAction]] {
        var records: [RelationshipKind: [UserAction]] = [:]
        for kind in RelationshipKind.allCases {
            records[kind] = try await home(user).relationships(kind, by: user, before: nil, limit: ViewerRelations.limit)
                .map { UserAction(targetID: $0.targetID, at: $0.createdAt) }
        }
        return records
    }

    /// The creator's comment filter.
    func commentFilter(of creator: ReelID) async throws -> CommentFilter {
        CommentFilter(keywords: try await home(creator).commentFilter(of: creator))
    }

    /// Replaces the creator's comment filter.
    /// - Throws: ``ReelError`` 422 `invalid_keywords`.
    func setCommentFilter(of creator: ReelID, keywords: [String]) async throws -> CommentFilter {
        let filter = try CommentFilter(validating: keywords)
        try await home(creator).setCommentFilter(of: creator, keywords: filter.keywords)
        return filter
    }

    /// The users named by `relationships` (at `side`) with their public profiles, in order.
    private func summaries(_ relationships: [Relationship], of side: KeyPath<Relationship, ReelID>) async throws -> [RelatedUser] {
        let profiles = try await access.profiles(relationships.map { $0[keyPath: side] })
        return relationships.compactMap { relationship in
            profiles[relationship[keyPath: side]].map { RelatedUser(user: UserSummary($0), createdAt: relationship.createdAt) }
        }
    }
}

extension SocialService.UserSummary {
    /// The summary of a public profile.
    init(_ profile: PublicProfile) {
        self.init(id: profile.userID, handle: profile.handle, displayName: profile.displayName, avatarURL: profile.avatarURL)
    }
}
