import Foundation
import Logging
import ReelCore
import ReelStore

/// One item of a feed: the video and why it is there.
struct FeedItem: Codable, Sendable {
    var video: VideoView
    /// Machine tag of the source, e.g. `following`, `trending`, `popular`.
    var source: String
    /// The reason as an English sentence (``WhyReason/sentence``).
    var reason: String
    /// The reason as data, for clients that word it themselves.
    var why: WhyReason

    init(video: VideoView, source: String, why: WhyReason) {
        self.video = video
        self.source = source
        self.reason = why.sentence
        self.why = why
    }
}

/// The three feeds: Following, For You and the non-profiled Popular.
struct FeedService: Sendable {
    /// Each region's follow edges and "not interested" marks.
    let socialStores: RegionDirectory<any SocialStore>
    /// Each region's videos, for Following.
    let videoStores: RegionDirectory<any VideoStore>
    /// Listed videos, for Popular.
    let publicIndex: any PublicIndexStore
    let ids: RegionIDs
    let videos: VideoService
    let accounts: AccountService
    let recommender: any ForYouRecommender
    /// Snapshots of the worldwide Popular ranking.
    let popularRanking: PopularRanking

    /// Newest videos first from accounts the viewer follows, as ``VideoPolicy`` lets a follower
    /// list them in Following (public and followers-only, also of private accounts), read from each
    /// creator's region store. A page may hold fewer than `limit` items when the policy hid some it
    /// read; only a nil cursor ends the feed.
    func following(_ viewer: ReelID, cursor: String?, limit: Int) async throws -> Page<FeedItem> {
        let before = try ReelID.cursor(cursor)
        let followees = try await socialStores.store(for: viewer).followees(of: viewer)
        let candidates = VideoPolicy.candidates(for: .following, relation: .follower)
        var found: [Video] = []
        for (_, creators) in Dictionary(grouping: followees, by: \.regionIndex) {
            guard let store = try? videoStores.store(for: creators[0]) else { continue }
            found += try await store.videos(createdBy: creators, visibilities: Set(candidates.map(\.visibility)),
                                            statuses: Set(candidates.map(\.status)), before: before, limit: limit + 1)
        }
        // Each region gave its newest limit + 1, so the newest limit + 1 of the merge are exact.
        found.sort { $0.id > $1.id }
        let page = Array(found.prefix(limit))
        let relations = try await videos.access.relations(of: viewer)
        let shown = try await videos.access.listable(page, in: .following, viewer: viewer, relations: relations) { _ in .follower }
        let items = try await videos.views(of: shown, viewer: viewer)
            .map { FeedItem(video: $0, source: "following",
                            why: WhyReason(kind: "following", creator: .init(id: $0.creator.id, handle: $0.creator.handle))) }
        return Page(items: items, nextCursor: found.count > limit ? page.last.map { "\($0.id)" } : nil)
    }

    /// The personalised feed (or the non-profiled one if the viewer turned personalisation off),
    /// left to the videos ``VideoPolicy`` lets For You list; a page may hold fewer than `limit`.
    ///
    /// The recommender is told the accounts the viewer blocked, muted or is blocked by
    /// (``Viewer/hiddenCreators``), so it leaves their videos out when it chooses and ends For You
    /// (`nextCursor` nil) when nothing else is left. The policy still decides at read time; a
    /// recommender page it empties entirely (say, a block made on another node a moment ago) is not
    /// handed out as an empty page while the cursor goes on: the next one is read, at most
    /// ``maxForYouReads`` in all.
    func forYou(_ viewerID: ReelID, cursor: String?, limit: Int) async throws -> Page<FeedItem> {
        var viewer = try await self.viewer(viewerID)
        let relations = try await videos.access.relations(of: viewerID)
        viewer.hiddenCreators = relations.blocked.union(relations.muted)
        var page = try await forYou(viewer, relations: relations, cursor: cursor, limit: limit)
        for _ in 1 ..< Self.maxForYouReads {
            guard page.items.isEmpty, let next = page.nextCursor else { break }
            page = try await forYou(viewer, relations: relations, cursor: next, limit: limit)
        }
        return page
    }

    /// Most recommender pages one For You request reads.
    static let maxForYouReads = 8

    /// One recommender page, left to what the policy lets `viewer` see in For You.
    private func forYou(_ viewer: Viewer, relations: ViewerRelations, cursor: String?, limit: Int) async throws -> Page<FeedItem> {
        let viewerID = viewer.userID
        let page = try await recommender.forYou(for: viewer, cursor: cursor, limit: limit)
        let listed = Dictionary(uniqueKeysWithValues: try await publicIndex.videos(ids: page.items.map(\.videoID)).map { ($0.id, $0) })
        // The catalogue may lag a withdrawal (another node, a snapshot): the policy decides at read time.
        let ordered = try await videos.access.listed(page.items.compactMap { listed[$0.videoID] }, in: .forYou,
                                                     relations: relations)
        let views = try await videos.views(of: ordered, viewer: viewerID)
        let reasons = Dictionary(page.items.map { ($0.videoID, $0) }, uniquingKeysWith: { first, _ in first })
        let named = try await named(page.items.map(\.why), shown: views)
        let whys = Dictionary(zip(page.items.map(\.videoID), named), uniquingKeysWith: { first, _ in first })
        return Page(items: views.map { FeedItem(video: $0, source: reasons[$0.id]?.source ?? "",
                                                why: whys[$0.id] ?? WhyReason(kind: "popular")) },
                    nextCursor: page.nextCursor)
    }

    /// Popular public videos worldwide, ranked without personal data; the only personal touches are
    /// that a signed-in viewer's "not interested" videos (read from their home region) and the videos
    /// of accounts they blocked, muted or are blocked by are left out (not a ranking by profile).
    ///
    /// Pages come from a ranking snapshot named by the cursor (see ``PopularRanking`` for the
    /// guarantee and its limit). Whether a video may be shown is checked as each page is read (the
    /// public index, then ``VideoPolicy``), so a video deleted or made private since the snapshot,
    /// or one whose account turned private, is never served. A page may hold fewer than
    /// `limit` items when many entries were hidden; only a nil `nextCursor` means the end.
    /// - Throws: ``ReelError`` 400 `invalid_cursor`.
    func popular(viewer: ReelID?, cursor: String?, limit: Int) async throws -> Page<FeedItem> {
        let session = try cursor.map(PopularCursor.init(decoding:))
        // A snapshot from the future was never taken here; allow another node's clock a minute ahead.
        if let session, Double(session.takenAt) / 1000 > Date().timeIntervalSince1970 + 60 {
            throw ReelError.badRequest("The cursor is not valid; start again without one.", code: "invalid_cursor")
        }
        let takenAt: Int64
        if let session { takenAt = session.takenAt } else { takenAt = try await popularRanking.latest().takenAt }
        var after = session?.last
        var picked: [(entry: PopularityEntry, video: PublicVideo)] = []
        var profiles: [ReelID: PublicProfile] = [:]
        var isExhausted = false
        var scans = 0
        let relations = try await videos.access.relations(of: viewer)
        // One entry more than the page, to know whether another page follows; a bounded number of
        // reads, so a run of hidden entries cannot hold the request.
        while picked.count <= limit, !isExhausted, scans < Self.maxPopularScans {
            scans += 1
            let wanted = max(limit + 1 - picked.count, 16)
            let chunk = try await popularRanking.entries(session: takenAt, after: after, limit: wanted)
            isExhausted = chunk.count < wanted
            let ids = chunk.map(\.id)
            let found = try await videos.access.listed(try await publicIndex.videos(ids: ids), in: .popular, relations: relations)
            profiles.merge(found.profiles) { first, _ in first }
            let listed = Dictionary(uniqueKeysWithValues: found.videos.map { ($0.id, $0) })
            var dismissed: Set<ReelID> = []
            if let viewer { dismissed = try await socialStores.store(for: viewer).notInterestedVideos(user: viewer, among: ids) }
            for entry in chunk where picked.count <= limit {
                after = entry
                if let video = listed[entry.id], !dismissed.contains(entry.id) { picked.append((entry, video)) }
            }
        }
        let page = picked.prefix(limit)
        var next: PopularityEntry?
        if picked.count > limit { next = page.last?.entry } else if !isExhausted { next = after }
        let views = try await videos.views(of: ListedVideos(videos: page.map(\.video), profiles: profiles), viewer: viewer)
        return Page(items: views.map { FeedItem(video: $0, source: "popular", why: WhyReason(kind: "popular")) },
                    nextCursor: next.map { PopularCursor(takenAt: takenAt, last: $0).encoded })
    }

    /// Most ranking reads one Popular page may make.
    static let maxPopularScans = 8

    /// Why a video is (or would be) in the viewer's For You: `direct` for one For You never shows
    /// them, by the rules its pages apply (``VideoPolicy`` for the For You listing with the viewer's
    /// blocks and mutes, then the recommender's eligibility: own uploads, not-interested, filters).
    /// - Throws: ``ReelError`` 404 when the viewer may not see the video at all.
    func why(_ video: ReelID, viewer viewerID: ReelID) async throws -> Recommendation {
        _ = try await videos.access.visibleVideo(video, to: viewerID)
        let viewer = try await self.viewer(viewerID)
        let listed = try await videos.access.listed(try await publicIndex.videos(ids: [video]), in: .forYou,
                                                    relations: try await videos.access.relations(of: viewerID))
        if !listed.videos.isEmpty, var explained = try await recommender.explain(video, for: viewer) {
            explained.why = try await named([explained.why], shown: []).first ?? explained.why
            return explained
        }
        return Recommendation(videoID: video, source: "direct", why: WhyReason(kind: "direct"))
    }

    /// Fills in the captions of related videos and the handles of creators that reasons refer to:
    /// from the shown videos' own views where they match, else from the public catalogue (a video
    /// no longer listed keeps only its ID, so nothing private leaks into a reason).
    private func named(_ reasons: [WhyReason], shown: [VideoView]) async throws -> [WhyReason] {
        var handles: [ReelID: String] = [:]
        for view in shown { handles[view.creator.id] = view.creator.handle }
        let relatedIDs = Array(Set(reasons.compactMap(\.video?.id)))
        let related = relatedIDs.isEmpty ? [] : try await videos.access.listed(try await publicIndex.videos(ids: relatedIDs), in: .forYou).videos
        var captions: [ReelID: String] = [:]
        for video in related {
            captions[video.id] = video.caption
            handles[video.creatorID] = video.creatorHandle
        }
        // A creator with no shown or related video (the "why" of one video): read their public handle.
        for id in Set(reasons.compactMap(\.creator?.id)).subtracting(handles.keys) {
            handles[id] = try? await publicIndex.profile(userID: id)?.handle
        }
        return reasons.map { reason in
            var named = reason
            if let id = reason.video?.id { named.video?.caption = captions[id] }
            if let id = reason.creator?.id { named.creator?.handle = handles[id] }
            if named.video != nil && named.video?.caption == nil {
                // Not listed any more (deleted, made private): say nothing about it or its creator.
                named.video = nil
                named.creator = nil
            }
            return named
        }
    }

    private func viewer(_ id: ReelID) async throws -> Viewer {
        let account = try await accounts.account(id)
        // The plaintext age band: no decryption for a feed.
        return Viewer(userID: id, region: try ids.region(of: id), isPersonalised: account.isPersonalisedFeed,
                      isTeen: account.ageBand.isMinor)
    }
}
