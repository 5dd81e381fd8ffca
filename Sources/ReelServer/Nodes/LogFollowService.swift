import Logging
import ServiceLifecycle

/// Reads, every poll interval, what other nodes appended to each region's behaviour log (into the
/// recommenders) and change log (out of the caches). This node's own writes are applied at once by
/// the code that makes them; this service bounds how late another node's writes arrive: For You
/// here reflects events sent to another node within about one interval. Caches do not depend on
/// it for correctness (see ``ChangeFeed``).
struct LogFollowService: Service {
    let recommender: RankRecommender
    let changes: ChangeFeed
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { break }
                do {
                    try await recommender.catchUpAll()
                    try await changes.catchUpAll()
                } catch {
                    logger.error("following the region logs failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
