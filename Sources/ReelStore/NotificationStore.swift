import Foundation
import ReelCore
import ReelSafety

/// One region's user notifications, stored in the recipient's home region. Every method is one
/// transaction; notifications of another region's users are refused (``ReelError`` `residency_violation`).
public protocol NotificationStore: Sendable {
    /// Stores a notification.
    func insertNotification(_ notification: UserNotification) async throws
    /// A user's notifications, newest first, older than `before` when given.
    func notifications(userID: ReelID, before: ReelID?, limit: Int) async throws -> [UserNotification]
}
