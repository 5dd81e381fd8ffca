import Foundation
import GRDB
import ReelCore
import ReelSafety

extension SQLiteRegionStore {
    /// Stores a notification.
    public func insertNotification(_ notification: UserNotification) async throws {
        try requireResident(notification.id, "notification")
        try requireResident(notification.userID, "user")
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO notifications (id, userID, kind, text, createdAt, statementID, appealID, reportID) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [notification.id, notification.userID, notification.kind.rawValue, notification.text,
                                 notification.createdAt.timeIntervalSince1970, notification.statementID, notification.appealID,
                                 notification.reportID])
        }
    }

    /// A user's notifications, newest first.
    public func notifications(userID: ReelID, before: ReelID?, limit: Int) async throws -> [UserNotification] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notifications WHERE userID = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
                             arguments: [userID, before, before, limit]).map { row in
                guard let kind = UserNotification.Kind(rawValue: row["kind"]) else {
                    throw ReelError(.internal, code: "corrupt_row", message: "A stored notification has an unknown kind.")
                }
                return UserNotification(id: row["id"], userID: row["userID"], kind: kind, text: row["text"],
                                        createdAt: Date(timeIntervalSince1970: row["createdAt"]), statementID: row["statementID"],
                                        appealID: row["appealID"], reportID: row["reportID"])
            }
        }
    }
}
