import Foundation
import PostgresNIO
import ReelCore

/// Public values read from rows of the PostgreSQL public index (``PostgresPublicIndexMigrations``).
enum PostgresPublicRows {
    static func profile(_ row: PostgresRow) throws -> PublicProfile {
        let r = row.makeRandomAccess()
        return PublicProfile(userID: try r.id("user_id"), handle: try r.value("handle"), displayName: try r.value("display_name"),
                             bio: try r.value("bio"), avatarURL: try r.value("avatar_url"), isPrivate: try r.value("is_private"),
                             followerCount: Int(try r.value("follower_count", as: Int64.self)),
                             followingCount: Int(try r.value("following_count", as: Int64.self)),
                             likeCount: Int(try r.value("like_count", as: Int64.self)),
                             videoCount: Int(try r.value("video_count", as: Int64.self)),
                             hiddenUntil: try r.value("hidden_until", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
                             isDiscoverable: try r.value("is_discoverable"))
    }

    static func video(_ row: PostgresRow) throws -> PublicVideo {
        let r = row.makeRandomAccess()
        let source = Video(id: try r.id("id"), creatorID: try r.id("creator_id"), caption: try r.value("caption"),
                           visibility: .public, createdAt: try r.date("created_at"))
        var video = PublicVideo(source, creatorHandle: try r.value("creator_handle"))
        video.hashtags = try HashtagReparsing.decode(try r.value("hashtags"))
        video.durationMs = Int(try r.value("duration_ms", as: Int64.self))
        video.width = Int(try r.value("width", as: Int64.self))
        video.height = Int(try r.value("height", as: Int64.self))
        video.viewCount = Int(try r.value("view_count", as: Int64.self))
        video.likeCount = Int(try r.value("like_count", as: Int64.self))
        video.commentCount = Int(try r.value("comment_count", as: Int64.self))
        video.shareCount = Int(try r.value("share_count", as: Int64.self))
        video.restrictions = VideoRestrictions(rawValue: Int(try r.value("restrictions", as: Int64.self)))
        return video
    }
}
