import Foundation
import Hummingbird
import ReelCore
import ReelStore

/// `GET /v1/search?q=…&type=videos|accounts|hashtags`: ranked full-text search of public content.
///
/// The query is folded and split into terms by ``SearchText`` (case, compatibility forms and
/// Latin/Greek/Cyrillic diacritics ignored; every term a prefix; all terms required); the public
/// index ranks the matches. Pages carry an opaque cursor (``SearchPosition/cursor``) that pins the
/// set searched at the first page, so paging never repeats or skips an item.
struct SearchController {
    let videos: VideoService
    let index: any PublicIndexStore

    var publicRoutes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("search", use: search)
    }

    /// An account as a search result.
    struct AccountResult: Codable, Sendable, ResponseEncodable {
        var id: ReelID
        var handle: String
        var displayName: String
        var avatarURL: String?
        var followerCount: Int

        init(_ profile: PublicProfile) {
            id = profile.userID
            handle = profile.handle
            displayName = profile.displayName
            avatarURL = profile.avatarURL
            followerCount = profile.followerCount
        }
    }

    /// - Throws: 400 `invalid_query` (q missing, blank or over 100 characters), `invalid_search_type`,
    ///   `invalid_cursor`, `invalid_limit`. A query with no letter or digit finds nothing (200, empty page).
    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.formQuery
        let text = (query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(text.count) else {
            throw ReelError.badRequest("The search text q must be 1 to 100 characters.", code: "invalid_query")
        }
        let (cursor, limit) = try request.pagination()
        var position: SearchPosition?
        if let cursor {
            guard let parsed = SearchPosition(cursor: cursor) else { throw ReelError.badRequest("The cursor is not valid.", code: "invalid_cursor") }
            position = parsed
        }
        let terms = SearchText.terms(text)
        switch query["type"] ?? "videos" {
        case "videos":
            let found = try await index.searchVideos(terms, after: position, limit: limit)
            let shown = try await videos.access.listed(found.items, in: .search,
                                                       relations: try await videos.access.relations(of: context.identity?.userID))
            let items = try await videos.views(of: shown, viewer: context.identity?.userID)
            return try Page(items: items, nextCursor: found.next?.cursor).response(from: request, context: context)
        case "accounts":
            let found = try await index.searchProfiles(terms, after: position, limit: limit)
            // Accounts moderation hides, accounts under 16 (not discoverable) and those a block stands between
            // (either way) are left out, as their videos are.
            let now = Date()
            let relations = try await videos.access.relations(of: context.identity?.userID)
            let shown = found.items.filter { !$0.isHidden(at: now) && $0.isDiscoverable && !relations.blocked.contains($0.userID) }
            return try Page(items: shown.map(AccountResult.init), nextCursor: found.next?.cursor).response(from: request, context: context)
        case "hashtags":
            let found = try await index.searchHashtags(terms, after: position, limit: limit)
            return try Page(items: found.items, nextCursor: found.next?.cursor).response(from: request, context: context)
        default:
            throw ReelError.badRequest("The search type must be videos, accounts or hashtags.", code: "invalid_search_type")
        }
    }
}

extension HashtagSummary: ResponseEncodable {}
