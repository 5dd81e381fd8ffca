import Foundation
import Hummingbird
import ReelCore
import ReelSafety
import ReelStore

/// Follow requests, blocks, mutes and comment keyword filters of the signed-in user
/// (docs/api.md, "Follow requests, blocks, mutes, comment filters").
struct RelationshipController {
    let social: SocialService

    var authenticatedRoutes: RouteCollection<AuthenticatedContext> {
        RouteCollection(context: AuthenticatedContext.self)
            .get("me/follow-requests", use: followRequests)
            .post("me/follow-requests/:handle/approve", use: approve)
            .delete("me/follow-requests/:handle", use: decline)
            .put("users/:handle/block", use: block)
            .delete("users/:handle/block", use: unblock)
            .get("me/blocks", use: blocks)
            .put("users/:handle/mute", use: mute)
            .delete("users/:handle/mute", use: unmute)
            .get("me/mutes", use: mutes)
            .get("me/comment-filters", use: commentFilter)
            .put("me/comment-filters", use: setCommentFilter)
    }

    /// One pending follow request.
    struct FollowRequest: Codable, Sendable, ResponseEncodable {
        var user: SocialService.UserSummary
        var requestedAt: Date
    }

    /// The answer of the block routes.
    struct Blocked: ResponseEncodable {
        var blocked: Bool
    }

    /// The answer of the mute routes.
    struct Muted: ResponseEncodable {
        var muted: Bool
    }

    /// The body and answer of the comment-filter routes.
    struct Keywords: ResponseEncodable, Decodable {
        var keywords: [String]
    }

    @Sendable func followRequests(_ request: Request, context: AuthenticatedContext) async throws -> Page<FollowRequest> {
        let (cursor, limit) = try request.pagination()
        let page = try await social.followRequests(to: context.identity.userID, cursor: cursor, limit: limit)
        return Page(items: page.items.map { FollowRequest(user: $0.user, requestedAt: $0.createdAt) }, nextCursor: page.nextCursor)
    }

    @Sendable func approve(_ request: Request, context: AuthenticatedContext) async throws -> FollowRequest {
        let approved = try await social.approveFollowRequest(to: context.identity.userID, from: try context.parameters.require("handle"))
        return FollowRequest(user: approved.user, requestedAt: approved.createdAt)
    }

    @Sendable func decline(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        try await social.declineFollowRequest(to: context.identity.userID, from: try context.parameters.require("handle"))
        return .noContent
    }

    @Sendable func block(_ request: Request, context: AuthenticatedContext) async throws -> Blocked {
        Blocked(blocked: try await social.setBlocked(context.identity.userID, handle: try context.parameters.require("handle"), isBlocked: true))
    }

    @Sendable func unblock(_ request: Request, context: AuthenticatedContext) async throws -> Blocked {
        Blocked(blocked: try await social.setBlocked(context.identity.userID, handle: try context.parameters.require("handle"), isBlocked: false))
    }

    @Sendable func blocks(_ request: Request, context: AuthenticatedContext) async throws -> Page<SocialService.RelatedUser> {
        let (cursor, limit) = try request.pagination()
        return try await social.relatedUsers(.block, of: context.identity.userID, cursor: cursor, limit: limit)
    }

    @Sendable func mute(_ request: Request, context: AuthenticatedContext) async throws -> Muted {
        Muted(muted: try await social.setMuted(context.identity.userID, handle: try context.parameters.require("handle"), isMuted: true))
    }

    @Sendable func unmute(_ request: Request, context: AuthenticatedContext) async throws -> Muted {
        Muted(muted: try await social.setMuted(context.identity.userID, handle: try context.parameters.require("handle"), isMuted: false))
    }

    @Sendable func mutes(_ request: Request, context: AuthenticatedContext) async throws -> Page<SocialService.RelatedUser> {
        let (cursor, limit) = try request.pagination()
        return try await social.relatedUsers(.mute, of: context.identity.userID, cursor: cursor, limit: limit)
    }

    @Sendable func commentFilter(_ request: Request, context: AuthenticatedContext) async throws -> Keywords {
        Keywords(keywords: try await social.commentFilter(of: context.identity.userID).keywords)
    }

    @Sendable func setCommentFilter(_ request: Request, context: AuthenticatedContext) async throws -> Keywords {
        let body = try await request.decodeJSON(as: Keywords.self, context: context)
        return Keywords(keywords: try await social.setCommentFilter(of: context.identity.userID, keywords: body.keywords).keywords)
    }
}
