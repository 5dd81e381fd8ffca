import Foundation
import Logging
import ReelCore
import ReelStore

/// Decides who may see a video: its creator always; others only once it is ready, and then
/// anyone for public, followers for followers-only, nobody for private. A video the caller may
/// not see is reported as not found, so its existence is not revealed.
struct VideoAccess: Sendable {
    let platform: Platform
    /// Ready videos as last read, for the media routes; ``VideoPublisher`` revokes an entry on every
    /// edit, deletion or rendition change of the video, before and after writing it.
    let playableVideos: RevocableCache<ReelID, Video>

    /// The video if `viewer` (nil when signed out) may see it.
    /// - Throws: ``ReelError`` 404.
    func visibleVideo(_ id: ReelID, to viewer: ReelID?) async throws -> Video {
        guard let video = try await platform.router.store(for: id).video(id: id) else { throw ReelError.notFound("video") }
        return try await check(video, viewer: viewer)
    }

    /// Like ``visibleVideo(_:to:)`` but for the media and poster routes: a ready video's row comes
    /// from ``playableVideos`` when cached, so its counters and caption may be stale; who may see it
    /// is decided afresh on every call (a followers-only video still asks whether the viewer follows).
    /// - Throws: ``ReelError`` 404.
    func playableVideo(_ id: ReelID, to viewer: ReelID?) async throws -> Video {
        if let video = playableVideos.value(for: id) { return try await check(video, viewer: viewer) }
        let epoch = playableVideos.epoch
        guard let video = try await platform.router.store(for: id).video(id: id) else { throw ReelError.notFound("video") }
        if video.status == .ready { playableVideos.insert(video, for: id, loadedAt: epoch) }
        return try await check(video, viewer: viewer)
    }

    private func check(_ video: Video, viewer: ReelID?) async throws -> Video {
        if video.creatorID == viewer { return video }
        guard video.status == .ready else { throw ReelError.notFound("video") }
        switch video.visibility {
        case .public:
            return video
        case .followers:
            guard let viewer, try await platform.router.store(for: viewer).isFollowing(follower: viewer, followee: video.creatorID) else {
                throw ReelError.notFound("video")
            }
            return video
        case .private:
            throw ReelError.notFound("video")
        }
    }
}
