import Foundation
import Logging
import ReelCore
import ReelMedia
import ReelStore

/// A video as the API returns it.
struct VideoView: Codable, Sendable, Equatable {
    /// The creator as shown next to a video.
    struct Creator: Codable, Sendable, Equatable {
        var id: ReelID
        var handle: String
        var displayName: String
    }
    /// One playable MP4 of the video: `{"name","width","height","bitrate","url"}`.
    struct RenditionLink: Codable, Sendable, Equatable {
        var name: String
        var width: Int
        var height: Int
        /// Bits per second a client must sustain, audio included.
        var bitrate: Int
        var url: String

        /// The renditions of ready video `id` whose top rendition is `width`×`height`, ascending by height.
        static func all(id: ReelID, width: Int?, height: Int?) -> [RenditionLink] {
            guard let width, let height else { return [] }
            return RenditionLadder.renditions(topWidth: width, topHeight: height)
                .sorted { ($0.height, $0.width) < ($1.height, $1.width) }
                .map { RenditionLink(name: $0.name, width: $0.width, height: $0.height, bitrate: $0.bitrate,
                                     url: "/v1/videos/\(id)/media?rendition=\($0.name)") }
        }
    }
    var id: ReelID
    var creator: Creator
    var caption: String
    var hashtags: [Hashtag]
    var visibility: Visibility
    var status: VideoStatus
    var failureReason: String?
    var durationMs: Int?
    var width: Int?
    var height: Int?
    var createdAt: Date
    var viewCount: Int
    var likeCount: Int
    var commentCount: Int
    var shareCount: Int
    var mediaURL: String?
    var posterURL: String?
    /// Every rendition, ascending by height; empty until the video is ready.
    var renditions: [RenditionLink]
    var likedByMe: Bool?
    /// Moderation labels viewers are shown (`["unverified"]`: a banner, and the client asks before
    /// sharing); absent when there are none.
    var labels: [String]?
    /// `adults_only` when only signed-in adults may see it; absent otherwise.
    var restriction: String?

    init(_ video: Video, creator: Creator, likedByMe: Bool? = nil) {
        id = video.id
        self.creator = creator
        caption = video.caption
        hashtags = video.hashtags
        visibility = video.visibility
        status = video.status
        failureReason = video.failureReason
        durationMs = video.durationMs
        width = video.width
        height = video.height
        createdAt = video.createdAt
        viewCount = video.viewCount
        likeCount = video.likeCount
        commentCount = video.commentCount
        shareCount = video.shareCount
        mediaURL = video.status == .ready ? "/v1/videos/\(video.id)/media" : nil
        posterURL = video.status == .ready ? "/v1/videos/\(video.id)/poster" : nil
        renditions = video.status == .ready ? RenditionLink.all(id: video.id, width: video.width, height: video.height) : []
        self.likedByMe = likedByMe
        setModeration(video.restrictions)
    }

    init(_ video: PublicVideo, displayName: String? = nil, likedByMe: Bool? = nil) {
        id = video.id
        creator = Creator(id: video.creatorID, handle: video.creatorHandle, displayName: displayName ?? video.creatorHandle)
        caption = video.caption
        hashtags = video.hashtags
        visibility = .public
        status = .ready
        failureReason = nil
        durationMs = video.durationMs
        width = video.width
        height = video.height
        createdAt = video.createdAt
        viewCount = video.viewCount
        likeCount = video.likeCount
        commentCount = video.commentCount
        shareCount = video.shareCount
        mediaURL = "/v1/videos/\(video.id)/media"
        posterURL = "/v1/videos/\(video.id)/poster"
        renditions = RenditionLink.all(id: video.id, width: video.width, height: video.height)
        self.likedByMe = likedByMe
        setModeration(video.restrictions)
    }
}

extension VideoView {
    /// Fills ``labels`` and ``restriction`` from a video's moderation restrictions.
    fileprivate mutating func setModeration(_ restrictions: VideoRestrictions) {
        labels = restrictions.labels.isEmpty ? nil : restrictions.labels
        restriction = restrictions.contains(.adultsOnly) ? "adults_only" : nil
    }
}

/// A page of results: `{"items": [...], "nextCursor": "…" | null}`.
struct Page<Item: Codable & Sendable>: Codable, Sendable {
    var items: [Item]
    var nextCursor: String?

    init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }

    /// Writes `nextCursor` as `null` on the last page rather than leaving it out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

/// The signed-in user's own account, with the personal fields only they may see.
struct AccountView: Codable, Sendable {
    var id: ReelID
    var handle: String
    var email: String
    var displayName: String
    var bio: String
    var avatarURL: String?
    var country: String
    var region: String
    var birthDate: String
    var isPrivate: Bool
    var isPersonalisedFeed: Bool
    var createdAt: Date
    var followerCount: Int
    var followingCount: Int
    var likeCount: Int
    var videoCount: Int
    /// `under16`, `16to17` or `adult` (docs/safety.md, "Minors").
    var ageBand: String

    init(_ account: Account, region: RegionCode) {
        id = account.id
        handle = account.handle
        email = account.email
        displayName = account.displayName
        bio = account.bio
        avatarURL = account.avatarURL
        country = account.country
        self.region = region.rawValue
        birthDate = account.birthDate
        isPrivate = account.isPrivate
        isPersonalisedFeed = account.isPersonalisedFeed
        createdAt = account.createdAt
        followerCount = account.followerCount
        followingCount = account.followingCount
        likeCount = account.likeCount
        videoCount = account.videoCount
        switch account.ageBand {
        case .under16: ageBand = "under16"
        case .from16To17: ageBand = "16to17"
        case .adult: ageBand = "adult"
        }
    }
}
