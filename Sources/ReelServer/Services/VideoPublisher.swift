import Foundation
import Logging
import ReelCore
import ReelStore

/// The one owner of a video's public life: listing it in the public index with its comments,
/// the creator's public video count, the recommenders' catalogues, and the cache of playable
/// videos the media routes read (``VideoAccess/playableVideos``). Upload (once ready), edits of
/// caption or visibility, new renditions and deletion all go through here, after the row is written.
struct VideoPublisher: Sendable {
    let platform: Platform
    let accounts: AccountService
    let recommender: any ForYouRecommender
    /// Revoked on every change, so the next media request reads the row again.
    let playableVideos: RevocableCache<ReelID, Video>

    /// Lists a video that just became publicly listed (ready and public): the index entry, the
    /// comments already written on it (they live in their authors' regions), the creator's count.
    /// - Precondition: `video.isPubliclyListed`.
    func publish(_ video: Video) async throws {
        playableVideos.revoke(video.id)
        try await platform.router.store(for: video.creatorID).adjustAccountCounters(id: video.creatorID, videos: 1)
        try await accounts.republishProfile(of: video.creatorID)
        let listed = try await refresh(video)
        for store in platform.router.allStores {
            var cursor: ReelID?
            while true {
                let comments = try await store.comments(on: video.id, before: cursor, limit: 500)
                for comment in comments { try await platform.publicIndex.insertComment(comment) }
                guard comments.count == 500, let last = comments.last else { break }
                cursor = last.id
            }
        }
        await recommender.observe(.published(listed), region: try platform.region(of: video.id))
    }

    /// Rewrites a listed video's public entry (caption, hashtags, counters). Returns the entry.
    @discardableResult
    func refresh(_ video: Video) async throws -> PublicVideo {
        playableVideos.revoke(video.id)
        let handle = try await platform.publicIndex.profile(userID: video.creatorID)?.handle ?? ""
        let listed = PublicVideo(video, creatorHandle: handle)
        try await platform.publicIndex.upsertVideo(listed)
        return listed
    }

    /// Withdraws a video from every public place; `video` is its state before it stopped being
    /// listed (or was deleted), which decides whether the creator's public count drops.
    func withdraw(_ video: Video) async throws {
        playableVideos.revoke(video.id)
        try await platform.publicIndex.removeVideo(id: video.id)
        if video.isPubliclyListed {
            try await platform.router.store(for: video.creatorID).adjustAccountCounters(id: video.creatorID, videos: -1)
            try await accounts.republishProfile(of: video.creatorID)
        }
        await recommender.observe(.withdrawn(video.id), region: try platform.region(of: video.id))
    }

    /// Brings every public place in line with an edit from `before` to `after`.
    func apply(editFrom before: Video, to after: Video) async throws {
        playableVideos.revoke(after.id)
        switch (before.isPubliclyListed, after.isPubliclyListed) {
        case (false, true):
            try await publish(after)
        case (true, false):
            try await withdraw(before)
        case (true, true) where before != after:
            let listed = try await refresh(after)
            await recommender.observe(.published(listed), region: try platform.region(of: after.id))
        default:
            break
        }
    }

    /// Records that a ready video got new renditions (its width and height grew): the media routes
    /// read its row again, and a listed video's public entry is rewritten.
    func renditionsAdded(_ video: Video) async throws {
        playableVideos.revoke(video.id)
        if video.isPubliclyListed { try await refresh(video) }
    }
}
