import Foundation
import Logging
import ServiceLifecycle

/// Keeps the For You recommenders trained and saved: retrains embeddings and saves snapshots
/// every `interval`, and saves once more on graceful shutdown so a restart loses no learning.
struct RecommenderService: Service {
    let recommender: RankRecommender
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { break }
                do {
                    try await recommender.retrain()
                    try await recommender.save()
                } catch {
                    logger.error("recommender retrain or save failed", metadata: ["error": "\(error)"])
                }
            }
        }
        try await recommender.save()
        logger.info("recommender state saved")
    }
}
