import Foundation
import PostgresNIO
import ReelCore

/// Domain values read from PostgreSQL rows of the region schema (``PostgresRegionMigrations``).
enum PostgresRows {
    static func account(_ row: PostgresRow) throws -> Account {
        let r = row.makeRandomAccess()
        var account = Account(id: try r.id("id"), handle: try r.value("handle"), email: try r.value("email"),
                              passwordHash: try r.value("password_hash"), country: try r.value("country"),
                              birthDate: try r.value("birth_date"), displayName: try r.value("display_name"),
                              isPrivate: try r.value("is_private"), createdAt: try r.date("created_at"))
        account.bio = try r.value("bio")
        account.avatarURL = try r.value("avatar_url")
        account.isPersonalisedFeed = try r.value("is_personalised_feed")
        account.followerCount = Int(try r.value("follower_count", as: Int64.self))
        account.followingCount = Int(try r.value("following_count", as: Int64.self))
        account.likeCount = Int(try r.value("like_count", as: Int64.self))
        account.videoCount = Int(try r.value("video_count", as: Int64.self))
        account.subjectNonce = try r.value("subject_nonce", as: Data.self)
        account.dataKeyID = try r.value("data_key_id", as: String?.self)
        account.emailIndex = try r.value("email_index", as: String?.self)
        account.ageBand = AgeBand(rawValue: try r.value("age_band")) ?? .under16
        account.suspendedUntil = try r.value("suspended_until", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        account.terminatedAt = try r.value("terminated_at", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        return account
    }

    static func session(_ row: PostgresRow) throws -> Session {
        let r = row.makeRandomAccess()
        var session = Session(id: try r.id("id"), userID: try r.id("user_id"), createdAt: try r.date("created_at"),
                              expiresAt: try r.date("expires_at"))
        session.revokedAt = try r.value("revoked_at", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        return session
    }

    static func video(_ row: PostgresRow) throws -> Video {
        let r = row.makeRandomAccess()
        guard let visibility = Visibility(rawValue: try r.value("visibility")),
              let status = VideoStatus(rawValue: try r.value("status")) else {
            throw ReelError(.internal, code: "corrupt_row", message: "A stored video has an unknown visibility or status.")
        }
        var video = Video(id: try r.id("id"), creatorID: try r.id("creator_id"), caption: try r.value("caption"),
                          visibility: visibility, createdAt: try r.date("created_at"))
        video.hashtags = try HashtagReparsing.decode(try r.value("hashtags"))
        video.status = status
        video.failureReason = try r.value("failure_reason")
        video.durationMs = try r.value("duration_ms", as: Int64?.self).map(Int.init)
        video.width = try r.value("width", as: Int64?.self).map(Int.init)
        video.height = try r.value("height", as: Int64?.self).map(Int.init)
        video.viewCount = Int(try r.value("view_count", as: Int64.self))
        video.likeCount = Int(try r.value("like_count", as: Int64.self))
        video.commentCount = Int(try r.value("comment_count", as: Int64.self))
        video.shareCount = Int(try r.value("share_count", as: Int64.self))
        video.restrictions = VideoRestrictions(rawValue: Int(try r.value("restrictions", as: Int64.self)))
        return video
    }

    static func comment(_ row: PostgresRow) throws -> Comment {
        let r = row.makeRandomAccess()
        return Comment(id: try r.id("id"), videoID: try r.id("video_id"), authorID: try r.id("author_id"),
                       authorHandle: try r.value("author_handle"), body: try r.value("body"), createdAt: try r.date("created_at"))
    }

    static func watchEvent(_ row: PostgresRow) throws -> WatchEvent {
        let r = row.makeRandomAccess()
        return WatchEvent(clientEventID: try r.value("client_event_id"), userID: try r.id("user_id"), videoID: try r.id("video_id"),
                          watchedMs: Int(try r.value("watched_ms", as: Int64.self)), durationMs: Int(try r.value("duration_ms", as: Int64.self)),
                          completed: try r.value("completed"), replayed: try r.value("replayed"), at: try r.date("at"))
    }

    static func job(_ row: PostgresRow) throws -> TranscodeJob {
        let r = row.makeRandomAccess()
        guard let state = TranscodeJob.State(rawValue: try r.value("state")) else {
            throw ReelError(.internal, code: "corrupt_row", message: "A stored transcode job has an unknown state.")
        }
        return TranscodeJob(videoID: try r.id("video_id"), state: state, attempts: Int(try r.value("attempts", as: Int64.self)),
                            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"),
                            leaseExpiresAt: try r.value("lease_expires_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
    }

    /// A single BIGINT column as an ID.
    static func id(_ row: PostgresRow) throws -> ReelID {
        ReelID(bits: try row.decode(Int64.self))
    }
}
