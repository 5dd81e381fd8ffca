import Foundation
import GRDB
import ReelCore

extension Account: UnixTimeRecord {
    public static let databaseTableName = "users"
}

extension Session: UnixTimeRecord {
    public static let databaseTableName = "sessions"
}

extension Video: UnixTimeRecord {
    public static let databaseTableName = "videos"
}

extension Comment: UnixTimeRecord {
    public static let databaseTableName = "comments"
}

extension WatchEvent: UnixTimeRecord {
    public static let databaseTableName = "watchEvents"
}

extension TranscodeJob: UnixTimeRecord {
    public static let databaseTableName = "transcodeJobs"
}

/// One follow edge, stored in the follower's home region.
struct FollowRecord: Codable, UnixTimeRecord {
    static let databaseTableName = "follows"
    var followerID: ReelID
    var followeeID: ReelID
    var createdAt: Date
}

/// One like, stored in the liker's home region.
struct LikeRecord: Codable, UnixTimeRecord {
    static let databaseTableName = "likes"
    var userID: ReelID
    var videoID: ReelID
    var createdAt: Date
}

/// One "not interested", stored in the viewer's home region.
struct NotInterestedRecord: Codable, UnixTimeRecord {
    static let databaseTableName = "notInterested"
    var userID: ReelID
    var videoID: ReelID
    var createdAt: Date
}

/// One share, stored in the sharer's home region.
struct ShareRecord: Codable, UnixTimeRecord {
    static let databaseTableName = "shares"
    var userID: ReelID
    var videoID: ReelID
    var createdAt: Date
}
