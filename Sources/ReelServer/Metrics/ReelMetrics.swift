import CoreMetrics
import Prometheus

/// The process's metrics: a Prometheus registry that every metric of Reel is created in through
/// swift-metrics, and its text exposition for `GET /metrics`.
///
/// Each app has its own registry (not swift-metrics' global one), so tests that build several apps
/// in one process see only their own figures. Series names and labels are listed in docs/api.md.
final class ReelMetrics: Sendable {
    /// The registry `GET /metrics` renders.
    let registry: PrometheusCollectorRegistry
    /// swift-metrics' view of ``registry``: pass it to anything that records metrics.
    let factory: PrometheusMetricsFactory

    /// Requests answered, by `method`, `route` and `status` class.
    static let requestsTotal = "reel_http_requests_total"
    /// Seconds from a request's head to its response's head, by `method`, `route` and `status` class.
    static let requestDuration = "reel_http_request_duration_seconds"

    /// Upper bounds of the request latency histogram, in seconds: 1 ms to 10 s, about ×2.5 apart.
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .microseconds(2_500_000), .seconds(5), .seconds(10),
    ]

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [Self.requestDuration: Self.latencyBuckets]
        self.factory = factory
    }

    /// The Prometheus text exposition format (version 0.0.4) of every series.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// A gauge of this registry.
    func gauge(_ name: String, _ labels: [(String, String)]) -> CoreMetrics.Gauge {
        CoreMetrics.Gauge(label: name, dimensions: labels, factory: factory)
    }
}
