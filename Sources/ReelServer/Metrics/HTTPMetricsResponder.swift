import CoreMetrics
import HTTPTypes
import Hummingbird
import Synchronization

/// Wraps the router's responder to count requests and time them, by route pattern (never the raw
/// path, so IDs do not multiply the series), method and status class.
///
/// Per request it costs a clock read before and after, one lookup in a dictionary built once from
/// the router's routes (read-only, so no lock), one atomic load, an atomic counter increment and a
/// histogram record (swift-prometheus guards each histogram series with its own short lock). The
/// series of a (route, method, status class) are created the first time one is answered, so
/// `/metrics` lists only what happened.
///
/// The duration is measured to the response head: a streamed body (media) is not included, because
/// its length is the client's download time, not the server's.
struct HTTPMetricsResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context: RequestContext {
    typealias Context = Inner.Context
    let inner: Inner
    private let routes: [String: RouteSeries]
    /// Requests that matched no route, and the web client's files.
    private let unmatched: RouteSeries
    private let staticFiles: RouteSeries

    /// - Parameters:
    ///   - routePatterns: every route pattern of the router (`/v1/videos/{id}`), as `RouterPath.description`.
    init(_ inner: Inner, routePatterns: some Sequence<String>, metrics: ReelMetrics) {
        self.inner = inner
        var routes: [String: RouteSeries] = [:]
        for pattern in routePatterns { routes[pattern] = RouteSeries(route: pattern, factory: metrics.factory) }
        self.routes = routes
        unmatched = RouteSeries(route: "unmatched", factory: metrics.factory)
        staticFiles = RouteSeries(route: "static", factory: metrics.factory)
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await inner.respond(to: request, context: context)
            record(request.method, response.status.code, context: context, since: start)
            return response
        } catch {
            // What the server then answers (HTTPResponseError's status, otherwise 500).
            record(request.method, (error as? any HTTPResponseError)?.status.code ?? 500, context: context, since: start)
            throw error
        }
    }

    private func record(_ method: HTTPRequest.Method, _ status: Int, context: Context, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let route: RouteSeries
        let path = context.endpointPath
        if let path, let known = routes[path] {
            route = known
        } else {
            route = path == "FileMiddleware" ? staticFiles : unmatched  // Hummingbird's name for files it served
        }
        let series = route.series(method: method, statusClass: min(max(status / 100, 1), 5))
        series.requests.increment()
        series.duration.recordNanoseconds(Int64(elapsed.components.seconds) * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}

/// The series of one route: one slot per (method, status class), filled the first time it is used.
final class RouteSeries: Sendable {
    /// The methods that get a label of their own; any other is labelled `other`.
    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    let route: String
    private let factory: any MetricsFactory
    /// Indexed by `methodIndex * 5 + statusClass - 1`.
    private let slots: [SeriesSlot]

    init(route: String, factory: any MetricsFactory) {
        self.route = route
        self.factory = factory
        slots = (0..<(Self.methods.count + 1) * 5).map { _ in SeriesSlot() }
    }

    /// The series for `method` and `statusClass` (1…5), created on first use.
    func series(method: HTTPRequest.Method, statusClass: Int) -> HTTPSeries {
        let methodIndex = Self.methods.firstIndex(of: method) ?? Self.methods.count
        let slot = slots[methodIndex * 5 + statusClass - 1]
        if let series = slot.series.load() { return series }
        let labels = [("method", methodIndex < Self.methods.count ? method.rawValue : "other"), ("route", route), ("status", "\(statusClass)xx")]
        return slot.series.storeIfNil(HTTPSeries(labels: labels, factory: factory))
    }
}

/// Holds one lazily created ``HTTPSeries`` (an `AtomicLazyReference` needs a class to live in).
final class SeriesSlot: Sendable {
    let series = AtomicLazyReference<HTTPSeries>()
}

/// The request counter and latency histogram of one (route, method, status class).
final class HTTPSeries: Sendable {
    let requests: CoreMetrics.Counter
    let duration: CoreMetrics.Timer

    init(labels: [(String, String)], factory: any MetricsFactory) {
        requests = CoreMetrics.Counter(label: ReelMetrics.requestsTotal, dimensions: labels, factory: factory)
        duration = CoreMetrics.Timer(label: ReelMetrics.requestDuration, dimensions: labels, preferredDisplayUnit: .seconds, factory: factory)
    }
}
