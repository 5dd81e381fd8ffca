import Foundation
import ReelCore
import ReelSafety
import ReelStore

/// A moderation case's reach: the distinct viewers of the reported content in the last 24 hours,
/// summed over every region's watch events (each region answers an aggregate that names nobody).
/// A comment's reach is its video's; an account's is 0 (its videos have cases of their own).
struct CaseReach: Sendable {
    /// Every region's moderation store (watch events live in the viewer's region).
    let stores: RegionDirectory<any ModerationStore>
    /// Where a reported comment's video is found.
    let socialStores: RegionDirectory<any SocialStore>

    /// The window counted.
    static let window: TimeInterval = 24 * 3600

    /// Distinct viewers of `target` in the 24 hours before `now`.
    /// - Complexity: one indexed count per region.
    func reach(of target: ModerationTarget, now: Date) async throws -> Int {
        let video: ReelID
        switch target.kind {
        case .video: video = target.id
        case .comment:
            guard let comment = try await socialStores.store(for: target.id).comment(id: target.id) else { return 0 }
            video = comment.videoID
        case .account: return 0
        }
        var total = 0
        for store in stores.all { total += try await store.viewerCount(of: video, since: now.addingTimeInterval(-Self.window)) }
        return total
    }
}
