import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelSafety
import ReelStore

/// Public profiles, their videos, and following.
struct ProfileController {
    let social: SocialService
    let videos: VideoService
    /// Each region's follow edges.
    let socialStores: RegionDirectory<any SocialStore>
    /// Each region's videos, for profile grids.
    let videoStores: RegionDirectory<any VideoStore>
    /// Follows are rate-limited (429 `rate_limited`).
    let limiter: RateLimiter

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
        /// Signed-in callers: `none`, `requested` (a follow request is pending) or `following`.
        var followState: FollowState?
        /// Signed-in callers: whether they blocked this account (then only this header is shown to them, so
        /// they can unblock; its videos and comments stay hidden).
        var isBlockedByMe: Bool?
        /// Signed-in callers: whether they muted this account.
        var isMutedByMe: Bool?

        init(_ profile: PublicProfile, viewer: ViewerStanding?) {
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
            if let viewer {
                isFollowedByMe = viewer.followState == .following
                followState = viewer.followState
                isBlockedByMe = viewer.isBlocked
                isMutedByMe = viewer.isMuted
            }
        }
    }

    /// A signed-in viewer's standing with a profile's account.
    struct ViewerStanding {
        var followState: FollowState
        var isMuted: Bool
        var isBlocked = false
    }

    /// The profile. An account that blocked the viewer answers 404, as an unknown handle; one the
    /// viewer blocked shows its public header with `isBlockedByMe` (its videos and comments stay hidden).
    @Sendable func profile(_ request: Request, context: AppRequestContext) async throws -> ProfileView {
        let handle = try context.parameters.require("handle")
        let profile = try await social.profile(handle: handle)
        guard let viewer = context.identity?.userID else { return ProfileView(profile, viewer: nil) }
        return ProfileView(profile, viewer: try await standing(of: viewer, with: profile.userID, handle: handle))
    }

    /// - Throws: ``ReelError`` 404 when `user` blocked `viewer`.
    private func standing(of viewer: ReelID, with user: ReelID, handle: String) async throws -> ViewerStanding {
        guard viewer != user else { return ViewerStanding(followState: .none, isMuted: false) }
        if try await socialStores.store(for: user).hasRelationship(.block, actor: user, target: viewer) {
            throw SocialService.noAccount(handle)
        }
        let home = try socialStores.store(for: viewer)
        if try await home.hasRelationship(.block, actor: viewer, target: user) {
            return ViewerStanding(followState: .none, isMuted: false, isBlocked: true)
        }
        var state = FollowState.none
        if try await home.isFollowing(follower: viewer, followee: user) {
            state = .following
        } else if try await home.hasRelationship(.followRequest, actor: viewer, target: user) {
            state = .requested
        }
        return ViewerStanding(followState: state, isMuted: try await home.hasRelationship(.mute, actor: viewer, target: user))
    }

    /// The videos ``VideoPolicy`` lets the viewer see on the profile grid, newest first. A page may
    /// hold fewer than `limit` items when the policy hid some it read; only a nil cursor ends the list.
    @Sendable func profileVideos(_ request: Request, context: AppRequestContext) async throws -> Page<VideoView> {
        let profile = try await social.profile(handle: try context.parameters.require("handle"))
        let (cursor, limit) = try request.pagination()
        let before = try ReelID.cursor(cursor)
        let viewer = context.identity?.userID
        let relation = try await videos.access.relation(of: viewer, to: profile.userID)
        guard relation != .blocked else { throw SocialService.noAccount(profile.handle) }
        let candidates = VideoPolicy.candidates(for: .profile, relation: relation, creators: [.init(profile: profile)])
        let found = try await videoStores.store(for: profile.userID)
            .videos(createdBy: [profile.userID], visibilities: Set(candidates.map(\.visibility)), statuses: Set(candidates.map(\.status)),
                    before: before, limit: limit + 1)
        let page = Array(found.prefix(limit))
        let shown = try await videos.access.listable(page, in: .profile, viewer: viewer) { _ in relation }
        let items = try await videos.views(of: shown, viewer: viewer)
        return Page(items: items, nextCursor: found.count > limit ? page.last.map { "\($0.id)" } : nil)
    }

    /// Follows, or for a private account asks to (`followState: "requested"`).
    @Sendable func follow(_ request: Request, context: AuthenticatedContext) async throws -> ProfileView {
        try await limiter.check(.follow, context)
        return try await setFollowing(true, context: context)
    }

    /// Unfollows, or withdraws a pending follow request.
    @Sendable func unfollow(_ request: Request, context: AuthenticatedContext) async throws -> ProfileView {
        try await setFollowing(false, context: context)
    }

    private func setFollowing(_ isFollowing: Bool, context: AuthenticatedContext) async throws -> ProfileView {
        let viewer = context.identity.userID
        let (profile, state) = try await social.setFollowing(viewer, handle: try context.parameters.require("handle"), isFollowing: isFollowing)
        let isMuted = try await socialStores.store(for: viewer).hasRelationship(.mute, actor: viewer, target: profile.userID)
        return ProfileView(profile, viewer: ViewerStanding(followState: state, isMuted: isMuted))
    }
}

extension Page: ResponseEncodable {}
extension VideoView: ResponseEncodable {}
