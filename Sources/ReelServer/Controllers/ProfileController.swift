import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelStore

/// Public profiles, their videos, and following.
struct ProfileController {
    let social: SocialService
    let videos: VideoService
    /// Each region's follow edges.
    let socialStores: RegionDirectory<any SocialStore>
    /// Each region's videos, for profile grids.
    let videoStores: RegionDirectory<any VideoStore>

    var publicRoutes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("users/:handle", use: profile)
            .get("users/:handle/videos", use: profileVideos)
    }

    var authenticatedRoutes: RouteCollection<AuthenticatedContext> {
        RouteCollection(context: AuthenticatedContext.self)
            .put("users/:handle/follow", use: follow)
            .delete("users/:handle/follow", use: unfollow)
    }

    struct ProfileView: ResponseEncodable {
        var id: ReelID
        var handle: String
        var displayName: String
        var bio: String
        var avatarURL: String?
        var isPrivate: Bool
        var followerCount: Int
        var followingCount: Int
        var likeCount: Int
        var videoCount: Int
        var isFollowedByMe: Bool?

        init(_ profile: PublicProfile, isFollowedByMe: Bool?) {
            id = profile.userID
            handle = profile.handle
            displayName = profile.displayName
            bio = profile.bio
            avatarURL = profile.avatarURL
            isPrivate = profile.isPrivate
            followerCount = profile.followerCount
            followingCount = profile.followingCount
            likeCount = profile.likeCount
            videoCount = profile.videoCount
            self.isFollowedByMe = isFollowedByMe
        }
    }

    @Sendable func profile(_ request: Request, context: AppRequestContext) async throws -> ProfileView {
        let profile = try await social.profile(handle: try context.parameters.require("handle"))
        var following: Bool?
        if let viewer = context.identity?.userID {
            following = try await socialStores.store(for: viewer).isFollowing(follower: viewer, followee: profile.userID)
        }
        return ProfileView(profile, isFollowedByMe: following)
    }

    /// The videos ``VideoPolicy`` lets the viewer see on the profile grid, newest first. A page may
    /// hold fewer than `limit` items when the policy hid some it read; only a nil cursor ends the list.
    @Sendable func profileVideos(_ request: Request, context: AppRequestContext) async throws -> Page<VideoView> {
        let profile = try await social.profile(handle: try context.parameters.require("handle"))
        let (cursor, limit) = try request.pagination()
        let before = try ReelID.cursor(cursor)
        let viewer = context.identity?.userID
        let relation = try await videos.access.relation(of: viewer, to: profile.userID)
        let candidates = VideoPolicy.candidates(for: .profile, relation: relation, creators: [.init(profile: profile)])
        let found = try await videoStores.store(for: profile.userID)
            .videos(createdBy: [profile.userID], visibilities: Set(candidates.map(\.visibility)), statuses: Set(candidates.map(\.status)),
                    before: before, limit: limit + 1)
        let page = Array(found.prefix(limit))
        let shown = try await videos.access.listable(page, in: .profile, viewer: viewer) { _ in relation }
        let items = try await videos.views(of: shown, viewer: viewer)
        return Page(items: items, nextCursor: found.count > limit ? page.last.map { "\($0.id)" } : nil)
    }

    @Sendable func follow(_ request: Request, context: AuthenticatedContext) async throws -> ProfileView {
        let profile = try await social.setFollowing(context.identity.userID, handle: try context.parameters.require("handle"), isFollowing: true)
        return ProfileView(profile, isFollowedByMe: true)
    }

    @Sendable func unfollow(_ request: Request, context: AuthenticatedContext) async throws -> ProfileView {
        let profile = try await social.setFollowing(context.identity.userID, handle: try context.parameters.require("handle"), isFollowing: false)
        return ProfileView(profile, isFollowedByMe: false)
    }
}

extension Page: ResponseEncodable {}
extension VideoView: ResponseEncodable {}
