import Foundation
import PostgresNIO
import ReelCore
import ReelSafety

extension PostgresRegionStore {
    /// Stores a notification.
    public func insertNotification(_ notification: UserNotification) async throws {
        try requireResident(notification.id, "notification")
        try requireResident(notification.userID, "user")
        try await database.rows("""
            INSERT INTO notifications (id, user_id, kind, text, created_at, statement_id, appeal_id, report_id)
            VALUES (\(notification.id.bits), \(notification.userID.bits), \(notification.kind.rawValue), \(notification.text),
                \(notification.createdAt.timeIntervalSince1970), \(notification.statementID?.bits), \(notification.appealID?.bits),
                \(notification.reportID?.bits))
            """)
    }

    /// A user's notifications, newest first.
    public func notifications(userID: ReelID, before: ReelID?, limit: Int) async throws -> [UserNotification] {
        try await database.rows("""
            SELECT * FROM notifications WHERE user_id = \(userID.bits) AND id < \(before?.bits ?? Int64.max) ORDER BY id DESC LIMIT \(limit)
            """).map { row in
            let r = row.makeRandomAccess()
            guard let kind = UserNotification.Kind(rawValue: try r.value("kind")) else {
                throw ReelError(.internal, code: "corrupt_row", message: "A stored notification has an unknown kind.")
            }
            return UserNotification(id: try r.id("id"), userID: try r.id("user_id"), kind: kind, text: try r.value("text"),
                                    createdAt: try r.date("created_at"),
                                    statementID: try r.value("statement_id", as: Int64?.self).map(ReelID.init(bits:)),
                                    appealID: try r.value("appeal_id", as: Int64?.self).map(ReelID.init(bits:)),
                                    reportID: try r.value("report_id", as: Int64?.self).map(ReelID.init(bits:)))
        }
    }
}
