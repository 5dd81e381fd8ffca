import Foundation
import Logging
import ReelCore
import ReelStore
import Synchronization

/// Decides whether a view or a share raises the public counters (and so Popular): at most once per
/// user per video per UTC day (docs/safety.md, "Abuse limits"). The behaviour log and the viewer's
/// own recommender still get every event, replays included.
///
/// The (user, video, day) entries live in the user's home region (``DailyCountStore``), shared by
/// the region's nodes; entries of days before yesterday are deleted once a day per region.
final class PublicCountGate: Sendable {
    let stores: RegionDirectory<any DailyCountStore>
    let now: @Sendable () -> Date
    let logger: Logger
    /// The last day (since 1970-01-01 UTC) each region's old entries were deleted by this process.
    private let prunedDay = Mutex<[Int: Int]>([:])

    init(stores: RegionDirectory<any DailyCountStore>, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.stores = stores
        self.now = now
        self.logger = logger
    }

    /// Whether `user`'s `kind` on `video` is the first of the current UTC day (and so counts publicly).
    func counts(_ kind: DailyCountKind, by user: ReelID, on video: ReelID) async throws -> Bool {
        let day = Int((now().timeIntervalSince1970 / 86_400).rounded(.down))
        let store = try stores.store(for: user)
        let isDue = prunedDay.withLock { days in
            guard days[user.regionIndex] != day else { return false }
            days[user.regionIndex] = day
            return true
        }
        if isDue {
            do { try await store.pruneDailyCounts(before: day - 1) } catch {
                logger.warning("could not delete old daily counts", metadata: ["error": "\(error)"])
            }
        }
        return try await store.countOncePerDay(user: user, video: video, kind: kind, day: day)
    }
}
