import Foundation
import Hummingbird

/// `GET /healthz/log`: how far this node's recommenders have applied each region's behaviour log,
/// next to the log's head, so operators (and tests) can see one node catch up with another's writes.
struct LogPositionController {
    let recommender: RankRecommender

    var routes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("healthz/log", use: positions)
    }

    /// The answer: one entry per region, in configuration order.
    struct Positions: ResponseEncodable {
        var regions: [RankRecommender.LogPosition]
    }

    /// Reads each region's log head (one primary-key read per region) and the applied sequences.
    /// - Throws: the store's error when a head cannot be read (500).
    @Sendable func positions(_ request: Request, context: AppRequestContext) async throws -> Positions {
        Positions(regions: try await recommender.logPositions())
    }
}
