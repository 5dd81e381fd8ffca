import Foundation
import Logging
import ReelCore
import ReelStore

/// The one owner of a video's public life: listing it in the public index with its comments,
/// the creator's public video count, the recommenders' catalogues, and the cache of playable
/// videos the media routes read (``VideoAccess/playableVideos``). Upload (once ready), edits of
/// caption or visibility, new renditions, privacy changes of the account, and deletion all go
/// through here, after the row is written, and so do moderation actions (``ModerationActions``:
/// removal, adults-only, labels, demotion, termination). Which videos are listed is
/// ``VideoPolicy/isPubliclyListed(_:creator:)``'s decision; which of them the recommenders may
/// offer in For You is ``VideoPolicy/isRecommendable(_:creator:)``'s.
struct VideoPublisher: Sendable {
    /// Each region's accounts, for creators' public video counts.
    let accountStores: RegionDirectory<any AccountStore>
    /// Each region's videos, for an account's videos when its state changes.
    let videoStores: RegionDirectory<any VideoStore>
    /// Each region's comments, copied to the index when their video is listed.
    let socialStores: RegionDirectory<any SocialStore>
    let publicIndex: any PublicIndexStore
    let ids: RegionIDs
    let accounts: AccountService
    let access: VideoAccess
    let recommender: any ForYouRecommender
    /// Revoked on every change, so the next media request reads the row again.
    private var playableVideos: RevocableCache<ReelID, Video> { access.playableVideos }

    /// Lists a video that just became ready, if the policy lists it. Idempotent, so a transcode job
    /// retried after its node died between marking the video ready and finishing the job can call
    /// it again: a video already in the index is listed again (entry, comments, recommenders)
    /// without raising its creator's count twice.
    func publishIfListed(_ video: Video) async throws {
        guard try await access.isPubliclyListed(video) else { return }
        if try await publicIndex.video(id: video.id) == nil {
            try await publish(video)
        } else {
            try await list(video)
        }
    }

    /// Rewrites the entry of a video whose metadata changed, if the policy lists it.
    func refreshIfListed(_ video: Video) async throws {
        if try await access.isPubliclyListed(video) { try await refresh(video) }
    }

    /// Lists a video that just became publicly listed: the index entry, the comments already
    /// written on it (they live in their authors' regions), the creator's count.
    /// - Precondition: ``VideoPolicy/isPubliclyListed(_:creator:)`` holds for it and it is not listed yet.
    func publish(_ video: Video) async throws {
        playableVideos.revoke(video.id)
        try await accountStores.store(for: video.creatorID).adjustAccountCounters(id: video.creatorID, videos: 1)
        try await accounts.republishProfile(of: video.creatorID)
        try await list(video)
    }

    /// Writes a video's index entry, copies the comments already written on it, and tells the
    /// recommenders. Each step overwrites or skips what is already there, so repeating it is harmless.
    private func list(_ video: Video) async throws {
        let listed = try await refresh(video)
        for store in socialStores.all {
            var cursor: ReelID?
            while true {
                let comments = try await store.comments(on: video.id, before: cursor, limit: 500)
                for comment in comments { try await publicIndex.insertComment(comment) }
                guard comments.count == 500, let last = comments.last else { break }
                cursor = last.id
            }
        }
        try await tellRecommenders(listed, video)
    }

    /// Offers a listed video to the recommenders, or withdraws it from them when the policy keeps
    /// it out of For You (unverified, demoted).
    private func tellRecommenders(_ listed: PublicVideo, _ video: Video) async throws {
        let region = try ids.region(of: video.id)
        if VideoPolicy.isRecommendable(.init(video), creator: try await access.creator(video.creatorID)) {
            await recommender.observe(.published(listed), region: region)
        } else {
            await recommender.observe(.withdrawn(video.id, creator: video.creatorID), region: region)
        }
    }

    /// Rewrites a listed video's public entry (caption, hashtags, counters). Returns the entry.
    @discardableResult
    func refresh(_ video: Video) async throws -> PublicVideo {
        playableVideos.revoke(video.id)
        let handle = try await publicIndex.profile(userID: video.creatorID)?.handle ?? ""
        let listed = PublicVideo(video, creatorHandle: handle)
        try await publicIndex.upsertVideo(listed)
        return listed
    }

    /// Withdraws a video from every public place. The creator's public count drops if it was listed.
    func withdraw(_ video: Video) async throws {
        playableVideos.revoke(video.id)
        if try await publicIndex.removeVideo(id: video.id) {
            try await accountStores.store(for: video.creatorID).adjustAccountCounters(id: video.creatorID, videos: -1)
            try await accounts.republishProfile(of: video.creatorID)
        }
        await recommender.observe(.withdrawn(video.id, creator: video.creatorID), region: try ids.region(of: video.id))
    }

    /// Brings every public place in line with an edit from `before` to `after`.
    func apply(editFrom before: Video, to after: Video) async throws {
        playableVideos.revoke(after.id)
        let creator = try await access.creator(after.creatorID)
        switch (VideoPolicy.isPubliclyListed(.init(before), creator: creator), VideoPolicy.isPubliclyListed(.init(after), creator: creator)) {
        case (false, true):
            try await publish(after)
        case (true, false):
            try await withdraw(before)
        case (true, true) where before != after:
            let listed = try await refresh(after)
            try await tellRecommenders(listed, after)
        default:
            break
        }
    }

    /// Records that a ready video got new renditions (its width and height grew): the media routes
    /// read its row again, and a listed video's public entry is rewritten.
    func renditionsAdded(_ video: Video) async throws {
        playableVideos.revoke(video.id)
        try await refreshIfListed(video)
    }

    /// Brings every public place in line with the creator's account state after it changed (for
    /// example `PATCH /v1/me {"isPrivate": true}`): withdraws each of their videos the policy no
    /// longer lists and lists each it now lists. Compares with the index, so it is idempotent and a
    /// retry after a crash finishes the job.
    /// - Complexity: one region read per 200 candidate videos and one index read per video.
    func applyAccountChange(of creator: ReelID) async throws {
        let state = try await access.creator(creator)
        // Every video that could be publicly listed for some account state.
        let candidates = VideoPolicy.candidates(for: .popular, relation: .signedOut)
        let store = try videoStores.store(for: creator)
        var cursor: ReelID?
        while true {
            let batch = try await store.videos(createdBy: [creator], visibilities: Set(candidates.map(\.visibility)),
                                               statuses: Set(candidates.map(\.status)), before: cursor, limit: 200)
            for video in batch {
                let isListed = try await publicIndex.video(id: video.id) != nil
                switch (isListed, VideoPolicy.isPubliclyListed(.init(video), creator: state)) {
                case (false, true): try await publish(video)
                case (true, false): try await withdraw(video)
                default: break
                }
            }
            guard batch.count == 200, let last = batch.last else { break }
            cursor = last.id
        }
    }
}
