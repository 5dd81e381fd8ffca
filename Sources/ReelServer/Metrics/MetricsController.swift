import Foundation
import Hummingbird
import NIOCore
import ReelCore

/// `GET /metrics`: the Prometheus text exposition of ``ReelMetrics``, for the operator's scraper only.
///
/// Who may read it (``Access``) follows the configuration: with `metricsToken` set, a request must
/// carry `Authorization: Bearer <metricsToken>` (401 otherwise); without one, metrics are served
/// only by a server listening on a loopback address (`make run`), and any other answers 404, so a
/// node facing the internet never publishes its traffic figures by default.
struct MetricsController {
    /// Who may read the metrics.
    enum Access: Equatable {
        /// Anyone who reaches the listener (it is loopback only).
        case open
        /// Requests bearing this token.
        case token(String)
        /// Nobody: not configured on a public listener.
        case closed
    }

    let metrics: ReelMetrics
    let access: Access

    init(metrics: ReelMetrics, configuration: ReelConfiguration) {
        self.metrics = metrics
        access = Self.access(for: configuration)
    }

    /// The policy the configuration implies (see the type's summary).
    static func access(for configuration: ReelConfiguration) -> Access {
        if let token = configuration.metricsToken { return .token(token) }
        return isLoopback(configuration.host) ? .open : .closed
    }

    /// Whether `host` is a loopback name or address (`localhost`, `127.0.0.0/8`, `::1`).
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    var routes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self).get("metrics", use: scrape)
    }

    /// Answers the exposition (text/plain; version=0.0.4).
    /// - Throws: ``ReelError`` 401 `unauthorized` without the right bearer token; 404 `not_found`
    ///   when this server does not publish metrics.
    @Sendable func scrape(_ request: Request, context: AppRequestContext) async throws -> Response {
        switch access {
        case .open:
            break
        case .closed:
            throw ReelError(.notFound, code: "not_found",
                            message: "This server publishes no metrics: set metricsToken (REEL_METRICS_TOKEN) to let a scraper read them.")
        case .token(let expected):
            guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
                  Self.constantTimeEquals(Array(header.utf8.dropFirst("Bearer ".count)), Array(expected.utf8)) else {
                throw ReelError.unauthorized("Reading metrics needs the metrics bearer token.", code: "unauthorized")
            }
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }

    /// Compares two secrets in time that depends only on their lengths.
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
