import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ReelCore
import ReelMedia
import ReelSafety
import ReelStore

/// Videos: upload, metadata, media, deletion, likes, comments, shares and watch events.
struct VideoController {
    let videos: VideoService
    let social: SocialService
    let accounts: AccountService
    let maxUploadBytes: Int
    /// Uploads and comments are rate-limited (429 `rate_limited`).
    let limiter: RateLimiter
    let responder = MediaResponder()

    var publicRoutes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("videos/:id", use: get)
            .get("videos/:id/media", use: media)
            .head("videos/:id/media", use: media)
            .get("videos/:id/poster", use: poster)
            .head("videos/:id/poster", use: poster)
            .get("videos/:id/comments", use: comments)
    }

    var authenticatedRoutes: RouteCollection<AuthenticatedContext> {
        RouteCollection(context: AuthenticatedContext.self)
            .post("videos", use: upload)
            .patch("videos/:id", use: edit)
            .delete("videos/:id", use: delete)
            .put("videos/:id/like", use: like)
            .delete("videos/:id/like", use: unlike)
            .post("videos/:id/comments", use: postComment)
            .delete("comments/:id", use: deleteComment)
            .post("videos/:id/share", use: share)
            .post("videos/:id/not-interested", use: notInterested)
            .post("events", use: events)
    }

    /// `POST /v1/videos`: the file either as the raw body (`video/*` or `application/octet-stream`,
    /// caption and visibility in the query) or as `multipart/form-data` with text fields `caption` and
    /// `visibility` before a file part named `file`. Both stream the file to disk.
    @Sendable func upload(_ request: Request, context: AuthenticatedContext) async throws -> EditedResponse<VideoView> {
        try await limiter.check(.upload, context)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let isMultipart = contentType.hasPrefix("multipart/form-data")
        guard isMultipart || contentType.hasPrefix("video/") || contentType.hasPrefix("application/octet-stream") else {
            throw ReelError(.unsupportedMediaType, code: "unsupported_media_type",
                            message: "Send the video as multipart/form-data with a part named file, or as the body with Content-Type video/* (for example video/mp4).")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxUploadBytes {
            throw ReelError(.payloadTooLarge, code: "upload_too_large", message: "Uploads are limited to \(maxUploadBytes) bytes.")
        }
        let form: MultipartUpload?
        let fields: [String: String]
        if isMultipart {
            let reader = try MultipartUpload(contentType: request.headers[.contentType] ?? "", body: request.body)
            // Browsers send form text with CRLF line breaks (HTML's multipart/form-data encoding algorithm).
            fields = try await reader.readFields().mapValues { $0.replacingOccurrences(of: "\r\n", with: "\n") }
            form = reader
        } else {
            let query = request.formQuery
            fields = ["caption": query["caption"], "visibility": query["visibility"]].compactMapValues { $0 }
            form = nil
        }
        let account = try await accounts.account(context.identity.userID)
        let visibility = try Self.visibility(fields["visibility"], isPrivateAccount: account.isPrivate)
        let video = try await videos.upload(creator: account.id, caption: fields["caption"] ?? "", visibility: visibility) { writer in
            if let form {
                try await form.streamFile(into: writer)
            } else {
                for try await buffer in request.body {
                    try buffer.withUnsafeReadableBytes { try writer.write($0) }
                }
            }
        }
        return EditedResponse(status: .accepted, response: try await videos.view(of: video, viewer: account.id))
    }

    /// The requested visibility (default: public, or followers for a private account).
    /// - Throws: 400 `invalid_visibility`; 403 `private_account` for public on a private account.
    private static func visibility(_ raw: String?, isPrivateAccount: Bool) throws -> Visibility {
        let visibility = try raw.map(parsedVisibility) ?? (isPrivateAccount ? .followers : .public)
        // A private account (every teen account starts private) cannot publish worldwide.
        if isPrivateAccount && visibility == .public {
            throw ReelError.forbidden("A private account cannot post public videos; make the account public first.", code: "private_account")
        }
        return visibility
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> VideoView {
        try await videos.view(try context.parameters.id("id", "video"), viewer: context.identity?.userID)
    }

    /// A visibility as sent by a client, upload or edit alike.
    /// - Throws: 400 `invalid_visibility` unless it is `public`, `followers` or `private`.
    private static func parsedVisibility(_ raw: String) throws -> Visibility {
        guard let visibility = Visibility(rawValue: raw) else {
            throw ReelError.badRequest("The visibility must be public, followers or private.", code: "invalid_visibility")
        }
        return visibility
    }

    /// The body of `PATCH /v1/videos/{id}`: each field present is changed, each absent one kept.
    struct VideoEdit: Decodable {
        var caption: String?
        /// Parsed by ``parsedVisibility(_:)``, so an unknown value is `invalid_visibility` as on upload.
        var visibility: String?
    }

    @Sendable func edit(_ request: Request, context: AuthenticatedContext) async throws -> VideoView {
        let id = try context.parameters.id("id", "video")
        let edit = try await request.decodeJSON(as: VideoEdit.self, context: context)
        let video = try await videos.edit(id, by: context.identity.userID, caption: edit.caption,
                                     visibility: try edit.visibility.map(Self.parsedVisibility))
        return try await videos.view(of: video, viewer: context.identity.userID)
    }

    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        try await videos.delete(try context.parameters.id("id", "video"), by: context.identity.userID)
        return .noContent
    }

    @Sendable func media(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rendition = request.uri.queryParameters["rendition"].map(String.init)
        let media = try await videos.mediaFile(try context.parameters.id("id", "video"), viewer: context.identity?.userID,
                                               rendition: rendition)
        return try responder.response(for: media, request: request)
    }

    @Sendable func poster(_ request: Request, context: AppRequestContext) async throws -> Response {
        let media = try await videos.posterFile(try context.parameters.id("id", "video"), viewer: context.identity?.userID)
        return try responder.response(for: media, request: request)
    }

    struct LikeState: ResponseEncodable {
        var liked: Bool
        var likeCount: Int
    }

    @Sendable func like(_ request: Request, context: AuthenticatedContext) async throws -> LikeState {
        LikeState(liked: true, likeCount: try await social.setLiked(context.identity.userID, video: try context.parameters.id("id", "video"), isLiked: true))
    }

    @Sendable func unlike(_ request: Request, context: AuthenticatedContext) async throws -> LikeState {
        LikeState(liked: false, likeCount: try await social.setLiked(context.identity.userID, video: try context.parameters.id("id", "video"), isLiked: false))
    }

    @Sendable func comments(_ request: Request, context: AppRequestContext) async throws -> Page<CommentView> {
        let (cursor, limit) = try request.pagination()
        let page = try await social.comments(on: try context.parameters.id("id", "video"), viewer: context.identity?.userID, cursor: cursor, limit: limit)
        return Page(items: page.items.map(CommentView.init), nextCursor: page.nextCursor)
    }

    struct NewComment: Decodable {
        var body: String
    }

    @Sendable func postComment(_ request: Request, context: AuthenticatedContext) async throws -> EditedResponse<CommentView> {
        try await limiter.check(.comment, context)
        let body = try await request.decodeJSON(as: NewComment.self, context: context)
        let comment = try await social.comment(context.identity.userID, on: try context.parameters.id("id", "video"), body: body.body)
        return EditedResponse(status: .created, response: CommentView(comment))
    }

    @Sendable func deleteComment(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        try await social.deleteComment(context.identity.userID, comment: try context.parameters.id("id", "comment"))
        return .noContent
    }

    struct ShareState: ResponseEncodable {
        var shareCount: Int
    }

    @Sendable func share(_ request: Request, context: AuthenticatedContext) async throws -> ShareState {
        ShareState(shareCount: try await social.share(context.identity.userID, video: try context.parameters.id("id", "video")))
    }

    @Sendable func notInterested(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        try await social.notInterested(context.identity.userID, video: try context.parameters.id("id", "video"))
        return .noContent
    }

    struct EventBatch: Decodable {
        var events: [SocialService.WatchReport]
    }

    @Sendable func events(_ request: Request, context: AuthenticatedContext) async throws -> SocialService.WatchResult {
        let batch = try await request.decodeJSON(as: EventBatch.self, context: context)
        return try await social.recordWatches(context.identity.userID, reports: batch.events)
    }
}

extension SocialService.WatchResult: ResponseEncodable {}
