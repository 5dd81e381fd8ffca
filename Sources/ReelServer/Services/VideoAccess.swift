import Foundation
import Logging
import ReelCore
import ReelStore

/// Applies ``VideoPolicy`` to stored videos: reads the facts the policy needs — the video, its
/// creator's state (from the public profile) and the viewer's follow edge — and asks it. It
/// decides nothing itself. A video the viewer may not see is reported as not found, so its
/// existence is not revealed.
struct VideoAccess: Sendable {
    /// Each region's videos.
    let videos: RegionDirectory<any VideoStore>
    /// Each region's follow edges (a viewer's edge lives in the viewer's region).
    let social: RegionDirectory<any SocialStore>
    /// Each region's accounts, for a viewer's age band (only an adults-only video asks for it).
    let accounts: RegionDirectory<any AccountStore>
    /// Creators' public profiles, which carry their privacy.
    let publicIndex: any PublicIndexStore
    /// Ready videos as last read, for the media routes; ``VideoPublisher`` revokes an entry on every
    /// edit, deletion, listing change or rendition change of the video, right after writing it (a
    /// read that started before the write cannot insert its stale row afterwards: ``RevocableCache``).
    let playableVideos: RevocableCache<ReelID, Video>
    /// Changes made on other nodes: read before a cached row is used (``ChangeFeed``).
    let changes: ChangeFeed

    /// A stored video with what one viewer may do with it.
    struct Decision: Sendable {
        var video: Video
        var creator: VideoPolicy.Creator
        /// For viewing and playing. When a stranger may already play the video, these are a
        /// stranger's even for a follower (whose listings would add `following`).
        var permissions: VideoPolicy.Permissions
        /// Whether it belongs in the public index (the same for every viewer).
        var isPubliclyListed: Bool { VideoPolicy.isPubliclyListed(.init(video), creator: creator) }
    }

    /// What `viewer` (nil when signed out) may do with video `id`.
    ///
    /// The follow edge is read only when it could matter: rule 6 of ``VideoPolicy`` (a follower may
    /// do all a stranger may) lets a video a stranger may play skip it. A signed-in viewer's blocks
    /// (rule 7) are always read: one point read in each of the two home regions.
    /// - Throws: ``ReelError`` 404 for an unknown video.
    func decide(_ id: ReelID, viewer: ReelID?) async throws -> Decision {
        guard let video = try await videos.store(for: id).video(id: id) else { throw ReelError.notFound("video") }
        return try await decide(video, viewer: viewer)
    }

    /// What `viewer` may do with `video` as read (from its region or ``playableVideos``).
    private func decide(_ video: Video, viewer: ReelID?) async throws -> Decision {
        let creator = try await creator(video.creatorID)
        let subject = VideoPolicy.Subject(video)
        var permissions: VideoPolicy.Permissions
        switch viewer {
        case nil:
            permissions = VideoPolicy.permissions(for: subject, creator: creator, relation: .signedOut)
        case video.creatorID?:
            permissions = VideoPolicy.permissions(for: subject, creator: creator, relation: .creator)
        case let viewer?:
            if try await isBlocked(viewer, video.creatorID) {
                permissions = VideoPolicy.permissions(for: subject, creator: creator, relation: .blocked)
                break
            }
            let isAdult = try await isAdult(viewer, for: [video])
            permissions = VideoPolicy.permissions(for: subject, creator: creator, relation: .stranger, isAdult: isAdult)
            if !permissions.canPlay {
                permissions = VideoPolicy.permissions(for: subject, creator: creator, relation: try await relation(of: viewer, to: video.creatorID),
                                                      isAdult: isAdult)
            }
        }
        return Decision(video: video, creator: creator, permissions: permissions)
    }

    /// The video if `viewer` may see its metadata.
    /// - Throws: ``ReelError`` 404.
    func visibleVideo(_ id: ReelID, to viewer: ReelID?) async throws -> Video {
        try await visible(id, to: viewer).video
    }

    /// The decision on a video `viewer` may see.
    /// - Throws: ``ReelError`` 404.
    func visible(_ id: ReelID, to viewer: ReelID?) async throws -> Decision {
        let decision = try await decide(id, viewer: viewer)
        guard decision.permissions.canView else { throw ReelError.notFound("video") }
        return decision
    }

    /// The video if `viewer` may play its media and poster. A ready video's row comes from
    /// ``playableVideos`` when cached, so its counters and caption may be stale; what the viewer
    /// may do is decided afresh on every call (the creator's state and the follow edge are read).
    /// - Throws: ``ReelError`` 404 `not_found` (“video”, or “video media” for the creator's own
    ///   video that is not ready).
    func playableVideo(_ id: ReelID, to viewer: ReelID?) async throws -> Video {
        let video: Video
        // A change committed on any node before this request is applied to the cache first.
        if playableVideos.value(for: id) != nil { try await changes.catchUp(region: id.regionIndex) }
        if let cached = playableVideos.value(for: id) {
            video = cached
        } else {
            let epoch = playableVideos.epoch
            guard let stored = try await videos.store(for: id).video(id: id) else { throw ReelError.notFound("video") }
            if stored.status == .ready { playableVideos.insert(stored, for: id, loadedAt: epoch) }
            video = stored
        }
        let decision = try await decide(video, viewer: viewer)
        guard decision.permissions.canView else { throw ReelError.notFound("video") }
        guard decision.permissions.canPlay else { throw ReelError.notFound("video media") }
        return decision.video
    }

    /// Whether signed-in `viewer` is an adult, read (one account read in their home region) only
    /// when one of `videos` is adults-only; false otherwise, which no other restriction asks.
    func isAdult(_ viewer: ReelID?, for videos: [Video]) async throws -> Bool {
        guard let viewer, videos.contains(where: { $0.restrictions.contains(.adultsOnly) }) else { return false }
        return try await accounts.store(for: viewer).account(id: viewer)?.ageBand == .adult
    }

    /// `viewer`'s relation to `creator`: when the viewer is signed in and someone else, the blocks
    /// both ways (one read in each home region), then the follow edge (in the viewer's region).
    func relation(of viewer: ReelID?, to creator: ReelID) async throws -> VideoPolicy.Relation {
        guard let viewer else { return .signedOut }
        if viewer == creator { return .creator }
        if try await isBlocked(viewer, creator) { return .blocked }
        return try await social.store(for: viewer).isFollowing(follower: viewer, followee: creator) ? .follower : .stranger
    }

    /// Whether `one` blocked `other` or `other` blocked `one` (each block lives in its blocker's region).
    func isBlocked(_ one: ReelID, _ other: ReelID) async throws -> Bool {
        guard one != other else { return false }
        if try await social.store(for: one).hasRelationship(.block, actor: one, target: other) { return true }
        return try await social.store(for: other).hasRelationship(.block, actor: other, target: one)
    }

    /// Whom `viewer` blocked, who blocked them and whom they muted, for the listings of one request
    /// (``ViewerRelations``). Empty when signed out. Reads the viewer's region for their own blocks
    /// and mutes, and every region for the blocks naming them.
    func relations(of viewer: ReelID?) async throws -> ViewerRelations {
        guard let viewer else { return .none }
        let home = try social.store(for: viewer)
        var blocked = Set(try await home.relationships(.block, by: viewer, before: nil, limit: ViewerRelations.limit).map(\.targetID))
        for store in social.all {
            blocked.formUnion(try await store.relationships(.block, naming: viewer, before: nil, limit: ViewerRelations.limit).map(\.actorID))
        }
        let muted = Set(try await home.relationships(.mute, by: viewer, before: nil, limit: ViewerRelations.limit).map(\.targetID))
        return ViewerRelations(blocked: blocked, muted: muted)
    }

    /// A creator's state as the policy needs it, from their public profile. A creator without a
    /// profile (an account being erased) counts as private: nobody but they see their videos.
    func creator(_ id: ReelID) async throws -> VideoPolicy.Creator {
        VideoPolicy.Creator(profile: try await publicIndex.profile(userID: id))
    }

    /// The states of several creators, from one read of their public profiles.
    func creators(_ ids: some Sequence<ReelID>) async throws -> [ReelID: VideoPolicy.Creator] {
        try await profiles(ids).mapValues { VideoPolicy.Creator(profile: $0) }
    }

    /// The public profiles of the distinct `ids` that have one, by user ID, in one query.
    func profiles(_ ids: some Sequence<ReelID>) async throws -> [ReelID: PublicProfile] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        let profiles = try await publicIndex.profiles(userIDs: unique)
        return Dictionary(profiles.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether `video` belongs in the public index, with its creator's current state.
    func isPubliclyListed(_ video: Video) async throws -> Bool {
        VideoPolicy.isPubliclyListed(.init(video), creator: try await creator(video.creatorID))
    }

    /// The entries of the public index that `listing` (a public listing) may show, in order, with
    /// their creators' public profiles (one query), so the views of the page need not read them
    /// again. The index holds only publicly listed videos, and this checks each again at read time,
    /// so a privacy change shows at once even where a snapshot or a recommender's catalogue lags.
    /// `relations` are the viewer's blocks and mutes, which take creators out of the listing (rules 7 and 9).
    func listed(_ videos: [PublicVideo], in listing: VideoPolicy.Listing, relations: ViewerRelations = .none) async throws -> ListedVideos {
        precondition(listing.isPublic, "\(listing) is not a public listing")
        let profiles = try await profiles(videos.map(\.creatorID))
        let shown = videos.filter {
            // Publicly listed means the same for every viewer; signed out is the narrowest relation.
            VideoPolicy.permissions(for: .init($0), creator: .init(profile: profiles[$0.creatorID]),
                                    relation: relations.relation(to: $0.creatorID, otherwise: .signedOut),
                                    isMuted: relations.muted.contains($0.creatorID)).mayList(in: listing)
        }
        return ListedVideos(videos: shown, profiles: profiles)
    }

    /// The stored videos that `listing` may show to `viewer`, who has `relation` to each creator, in
    /// order; `relations` (the viewer's blocks and mutes) override it.
    func listable(_ videos: [Video], in listing: VideoPolicy.Listing, viewer: ReelID?, relations: ViewerRelations = .none,
                  relation: (ReelID) -> VideoPolicy.Relation) async throws -> [Video] {
        let creators = try await creators(videos.map(\.creatorID))
        let isAdult = try await isAdult(viewer, for: videos)
        return videos.filter {
            VideoPolicy.permissions(for: .init($0), creator: creators[$0.creatorID] ?? .init(profile: nil),
                                    relation: relations.relation(to: $0.creatorID, otherwise: relation($0.creatorID)),
                                    isAdult: isAdult, isMuted: relations.muted.contains($0.creatorID)).mayList(in: listing)
        }
    }
}

/// Public videos a listing may show, in order, with their creators' public profiles as read for
/// the decision (``VideoAccess/listed(_:in:)``).
struct ListedVideos: Sendable {
    /// The videos the listing may show, in the order given.
    var videos: [PublicVideo]
    /// By user ID; a creator without a profile is absent (and none of their videos is listed).
    var profiles: [ReelID: PublicProfile]
}

extension VideoPolicy.Creator {
    /// The state of the creator whose public profile is `profile` now; without one, private.
    /// A profile hidden by moderation (suspended until a later date, or terminated) hides every video.
    init(profile: PublicProfile?, at date: Date = Date()) {
        self.init(isPrivate: profile?.isPrivate ?? true, moderation: profile?.isHidden(at: date) == true ? .hidden : .none,
                  isDiscoverable: profile?.isDiscoverable ?? false)
    }
}
