import Foundation
import Logging
import ReelCore
import ReelMedia
import ReelStore

/// Uploads, metadata, deletion and media files of videos.
struct VideoService: Sendable {
    /// Each region's videos (and their transcode jobs).
    let videoStores: RegionDirectory<any VideoStore>
    /// Each region's likes and comments.
    let socialStores: RegionDirectory<any SocialStore>
    /// Each region's media files.
    let mediaStores: RegionDirectory<any MediaStore>
    /// Creators' public profiles, for names in views.
    let publicIndex: any PublicIndexStore
    let ids: RegionIDs
    /// Largest upload accepted, in bytes.
    let maxUploadBytes: Int
    let access: VideoAccess
    let accounts: AccountService
    let validator: MediaValidator
    let publisher: VideoPublisher
    let transcodeQueue: TranscodeSignal
    let logger: Logger

    /// Stores an upload, validates it with ffprobe and queues it for transcoding.
    ///
    /// `write` streams the bytes into the writer it is given. The file never sits whole in memory,
    /// and a rejected upload leaves neither a file nor a row behind.
    /// - Throws: ``ReelError``: 413 `upload_too_large`, 422 `not_a_video`, `no_video_stream`,
    ///   `video_too_long`, `video_unreadable`, `invalid_caption`, `empty_upload`; 403 `account_suspended`, `account_terminated`.
    func upload(creator: ReelID, caption: String, visibility: Visibility, now: Date = Date(),
                write: (UploadWriter) async throws -> Void) async throws -> Video {
        try Self.checkCaption(caption)
        try await accounts.requireGoodStanding(creator, now: now)
        let region = try ids.region(of: creator)
        let id = ids.newID(in: region)
        let media = try mediaStores.store(for: id)
        let key = id.description
        let writer = try media.scratch.makeUploadWriter(for: key, byteLimit: Int64(maxUploadBytes))
        do {
            try await write(writer)
            guard try writer.finish() > 0 else { throw ReelError.invalid("The upload is empty.", code: "empty_upload") }
            _ = try await validator.validate(fileAt: writer.destination)
            // Into the store before the job exists, so whichever node claims the job finds it.
            try await media.put(fileAt: writer.destination, as: .upload(key))
            let video = Video(id: id, creatorID: creator, caption: caption, visibility: visibility, createdAt: now)
            try await videoStores.store(for: creator).insertVideoWithJob(video, at: now)
            transcodeQueue.wake()
            logger.info("video uploaded", metadata: ["video.id": "\(id)", "region": "\(region.code)", "bytes": "\(writer.byteCount)"])
            return video
        } catch {
            writer.abort()
            try? media.scratch.remove(writer.destination)
            try? await media.removeAll(for: key)
            if let rejection = error as? MediaRejection {
                var kind = ReelError.Kind.unprocessable
                if case .tooLarge = rejection { kind = .payloadTooLarge }
                throw ReelError(kind, code: rejection.code, message: rejection.message)
            }
            throw error
        }
    }

    /// Applies the rules every caption must meet, on upload and on edit.
    /// - Throws: ``ReelError`` 422 `invalid_caption`.
    static func checkCaption(_ caption: String) throws {
        guard caption.count <= Video.maxCaptionLength else {
            throw ReelError.invalid("The caption must be at most \(Video.maxCaptionLength) characters.", code: "invalid_caption")
        }
    }

    /// Changes the caption (hashtags are parsed from it again) and/or the visibility of the
    /// creator's own video, and publishes or withdraws it as the visibility now requires.
    /// - Throws: ``ReelError`` 404 when invisible to `viewer`, 403 `not_owner` for someone else's
    ///   video, 403 `private_account` for making a private account's video public, 422 `invalid_caption`.
    func edit(_ id: ReelID, by viewer: ReelID, caption: String?, visibility: Visibility?) async throws -> Video {
        let video = try await access.visibleVideo(id, to: viewer)
        guard video.creatorID == viewer else { throw ReelError.forbidden("You can only edit your own videos.", code: "not_owner") }
        if let caption { try Self.checkCaption(caption) }
        if visibility == .public, video.visibility != .public, try await accounts.account(viewer).isPrivate {
            throw ReelError.forbidden("A private account cannot post public videos; make the account public first.", code: "private_account")
        }
        guard let (before, after) = try await videoStores.store(for: id).updateVideo(id: id, caption: caption, visibility: visibility) else {
            throw ReelError.notFound("video")
        }
        try await publisher.apply(editFrom: before, to: after)
        if before != after { logger.info("video edited", metadata: ["video.id": "\(id)"]) }
        return after
    }

    /// The API view of a video the viewer may see.
    func view(_ id: ReelID, viewer: ReelID?) async throws -> VideoView {
        let video = try await access.visibleVideo(id, to: viewer)
        return try await view(of: video, viewer: viewer)
    }

    /// Builds views of videos with creator names and the viewer's likes.
    func view(of video: Video, viewer: ReelID?) async throws -> VideoView {
        try await views(of: [video], viewer: viewer)[0]
    }

    /// Views of videos in the given order: one like query and one profile query for all creators.
    func views(of videos: [Video], viewer: ReelID?) async throws -> [VideoView] {
        var liked: Set<ReelID> = []
        if let viewer { liked = try await socialStores.store(for: viewer).likedVideos(user: viewer, among: videos.map(\.id)) }
        let profiles = try await profiles(of: videos.map(\.creatorID))
        return videos.map { video in
            let profile = profiles[video.creatorID]
            let creator = VideoView.Creator(id: video.creatorID, handle: profile?.handle ?? "", displayName: profile?.displayName ?? "")
            return VideoView(video, creator: creator, likedByMe: viewer == nil ? nil : liked.contains(video.id))
        }
    }

    /// Views of listed public videos, in the given order, with the viewer's likes.
    func views(of videos: [PublicVideo], viewer: ReelID?) async throws -> [VideoView] {
        try await views(of: ListedVideos(videos: videos, profiles: try await profiles(of: videos.map(\.creatorID))), viewer: viewer)
    }

    /// Views of videos a listing decided on, with the creators' profiles it read, and the viewer's likes.
    func views(of listed: ListedVideos, viewer: ReelID?) async throws -> [VideoView] {
        var liked: Set<ReelID> = []
        if let viewer { liked = try await socialStores.store(for: viewer).likedVideos(user: viewer, among: listed.videos.map(\.id)) }
        return listed.videos.map {
            VideoView($0, displayName: listed.profiles[$0.creatorID]?.displayName, likedByMe: viewer == nil ? nil : liked.contains($0.id))
        }
    }

    /// The public profiles of the distinct `creators`, by user ID, in one query.
    private func profiles(of creators: [ReelID]) async throws -> [ReelID: PublicProfile] {
        try await access.profiles(creators)
    }

    /// Deletes the creator's own video with its media files and the comments on it.
    /// - Throws: 404 when invisible, 403 when someone else's.
    func delete(_ id: ReelID, by viewer: ReelID) async throws {
        let video = try await access.visibleVideo(id, to: viewer)
        guard video.creatorID == viewer else { throw ReelError.forbidden("You can only delete your own videos.") }
        guard try await videoStores.store(for: id).deleteVideo(id: id) else { return }
        try await publisher.withdraw(video)
        // Comments live in their authors' regions; they go with the video.
        for store in socialStores.all { try await store.deleteComments(onVideo: id) }
        try await mediaStores.store(for: id).removeAll(for: id.description)
        logger.info("video deleted", metadata: ["video.id": "\(id)"])
    }

    /// The playable MP4 of a video the viewer may play (``VideoPolicy``): the default rendition, or the one
    /// named `rendition` (e.g. `360p`), with the store that holds it and its size.
    /// - Throws: 404 `rendition_not_found` when the video has no rendition of that name (or its
    ///   object is missing, as for videos transcoded before renditions existed).
    func mediaFile(_ id: ReelID, viewer: ReelID?, rendition name: String? = nil) async throws -> StoredMedia {
        let video = try await access.playableVideo(id, to: viewer)
        let media = try mediaStores.store(for: id)
        guard let name else {
            guard let stored = try await StoredMedia(store: media, key: .video(id.description)) else { throw ReelError.notFound("video media") }
            return stored
        }
        let renditions = RenditionLadder.renditions(topWidth: video.width ?? 0, topHeight: video.height ?? 0)
        let missing = ReelError(.notFound, code: "rendition_not_found",
                                message: "This video has no rendition named “\(name)”; it has \(renditions.map(\.name).joined(separator: ", ")).")
        guard let rendition = renditions.first(where: { $0.name == name }) else { throw missing }
        guard let stored = try await StoredMedia(store: media, key: .video(id.description, rendition: rendition, of: renditions)) else { throw missing }
        return stored
    }

    /// The JPEG poster of a video the viewer may play (``VideoPolicy``).
    func posterFile(_ id: ReelID, viewer: ReelID?) async throws -> StoredMedia {
        _ = try await access.playableVideo(id, to: viewer)
        guard let stored = try await StoredMedia(store: mediaStores.store(for: id), key: .poster(id.description)) else {
            throw ReelError.notFound("video poster")
        }
        return stored
    }
}
