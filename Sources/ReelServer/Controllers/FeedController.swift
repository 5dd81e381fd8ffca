import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelStore

/// Feeds, "why this video" and hashtag pages.
struct FeedController {
    let feeds: FeedService
    let videos: VideoService
    /// Listed videos, for hashtag pages.
    let publicIndex: any PublicIndexStore

    var publicRoutes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("feed", use: feed)
            .get("hashtags/:tag/videos", use: hashtag)
    }

    var authenticatedRoutes: RouteCollection<AuthenticatedContext> {
        RouteCollection(context: AuthenticatedContext.self)
            .get("feed/items/:id/why", use: why)
    }

    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Page<FeedItem> {
        let (cursor, limit) = try request.pagination(defaultLimit: 10, maxLimit: 50)
        // Signed-out visitors get the non-profiled feed by default.
        let kind = request.formQuery["kind"] ?? (context.identity == nil ? "popular" : "foryou")
        switch kind {
        case "popular":
            return try await feeds.popular(viewer: context.identity?.userID, cursor: cursor, limit: limit)
        case "foryou", "following":
            guard let viewer = context.identity?.userID else { throw ReelError.unauthorized("Sign in to see your \(kind == "foryou" ? "For You" : "Following") feed.") }
            return kind == "foryou"
                ? try await feeds.forYou(viewer, cursor: cursor, limit: limit)
                : try await feeds.following(viewer, cursor: cursor, limit: limit)
        default:
            throw ReelError.badRequest("The kind must be foryou, following or popular.", code: "invalid_feed_kind")
        }
    }

    struct Why: ResponseEncodable {
        var videoID: ReelID
        var source: String
        /// The reason as an English sentence.
        var reason: String
        /// The reason as data.
        var why: WhyReason
    }

    @Sendable func why(_ request: Request, context: AuthenticatedContext) async throws -> Why {
        let explained = try await feeds.why(try context.parameters.id("id", "video"), viewer: context.identity.userID)
        return Why(videoID: explained.videoID, source: explained.source, reason: explained.why.sentence, why: explained.why)
    }

    /// Listed videos with the tag, newest first, as ``VideoPolicy`` lets a hashtag page show them.
    @Sendable func hashtag(_ request: Request, context: AppRequestContext) async throws -> Page<VideoView> {
        let raw = try context.parameters.require("tag")
        let tag = Hashtags.normalise(raw.removingPercentEncoding ?? raw)
        let (cursor, limit) = try request.pagination()
        let found = try await publicIndex.videos(taggedWith: tag, before: try ReelID.cursor(cursor), limit: limit + 1)
        let page = Array(found.prefix(limit))
        let shown = try await videos.access.listed(page, in: .hashtag, relations: try await videos.access.relations(of: context.identity?.userID))
        let views = try await videos.views(of: shown, viewer: context.identity?.userID)
        return Page(items: views, nextCursor: found.count > limit ? page.last.map { "\($0.id)" } : nil)
    }
}

extension FeedItem: ResponseEncodable {}
