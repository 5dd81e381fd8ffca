import Foundation
import Logging
import ReelCore
import ReelStore

/// Decides who may see a video: its creator always; others only once it is ready, and then
/// anyone for public, followers for followers-only, nobody for private. A video the caller may
/// not see is reported as not found, so its existence is not revealed.
struct VideoAccess: Sendable {
    let platform: Platform

    /// The video if `viewer` (nil when signed out) may see it.
    /// - Throws: ``ReelError`` 404.
    func visibleVideo(_ id: ReelID, to viewer: ReelID?) async throws -> Video {
        guard let video = try await platform.router.store(for: id).video(id: id) else { throw ReelError.notFound("video") }
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
