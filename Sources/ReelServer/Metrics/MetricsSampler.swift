import CoreMetrics
import Foundation
import Logging
import ReelCore
import ReelStore
import ServiceLifecycle

/// Samples the gauges that come from the stores, in the background every `interval`, so a scrape
/// never waits on a database: each region's transcode queue (`reel_transcode_jobs{region,state}`)
/// and how far its recommender trails its behaviour log (`reel_recommender_log_*{region}`).
///
/// A failed read leaves the previous value and is counted as a store error by the store itself.
struct MetricsSampler: Service {
    /// One region's gauges.
    private struct RegionGauges: Sendable {
        let store: any RegionStore
        let queued: CoreMetrics.Gauge
        let running: CoreMetrics.Gauge
        let applied: CoreMetrics.Gauge
        let head: CoreMetrics.Gauge
        let lag: CoreMetrics.Gauge
    }

    private let regions: [RegionGauges]
    let recommender: RankRecommender
    let interval: Duration
    let logger: Logger

    init(stores: [any RegionStore], recommender: RankRecommender, metrics: ReelMetrics, interval: Duration, logger: Logger) {
        regions = stores.map { store in
            let region = ("region", store.region.code.rawValue)
            return RegionGauges(store: store,
                                queued: metrics.gauge("reel_transcode_jobs", [region, ("state", "queued")]),
                                running: metrics.gauge("reel_transcode_jobs", [region, ("state", "running")]),
                                applied: metrics.gauge("reel_recommender_log_applied", [region]),
                                head: metrics.gauge("reel_recommender_log_head", [region]),
                                lag: metrics.gauge("reel_recommender_log_lag", [region]))
        }
        self.recommender = recommender
        self.interval = interval
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sample()
                do { try await Task.sleep(for: interval) } catch { break }
            }
        }
    }

    /// Reads every gauge's source once.
    func sample() async {
        for region in regions {
            do {
                let jobs = try await region.store.pendingJobs()
                region.queued.record(jobs.count { $0.state == .queued })
                region.running.record(jobs.count { $0.state == .running })
            } catch {
                logger.debug("metrics: transcode queue unreadable", metadata: ["region": "\(region.store.region.code)", "error": "\(error)"])
            }
            do {
                let position = try await recommender.logPosition(of: region.store.region)
                region.applied.record(position.appliedSequence)
                region.head.record(position.logHead)
                region.lag.record(max(0, position.logHead - position.appliedSequence))
            } catch {
                logger.debug("metrics: behaviour log unreadable", metadata: ["region": "\(region.store.region.code)", "error": "\(error)"])
            }
        }
    }
}
