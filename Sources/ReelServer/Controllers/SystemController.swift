import Foundation
import Hummingbird
import Logging
import NIOCore
import ReelCore
import ReelStore

/// Health check and the OpenAPI document.
struct SystemController {
    let health: HealthProbe
    /// The healthy answer, encoded once: it changes only with the configured regions.
    private let healthyBody: ByteBuffer

    /// A controller answering for `regions`, healthy while `health` says so.
    init(regions: RegionMap, health: HealthProbe) {
        self.health = health
        let healthy = Health(status: "ok", regions: regions.regions.map(\.code.rawValue))
        healthyBody = ByteBuffer(bytes: (try? JSONCoding.sharedResponseEncoder.encode(healthy)) ?? Data())
    }

    var routes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("healthz", use: healthCheck)
            .get("openapi.yaml", use: openAPI)
    }

    struct Health: Encodable {
        var status: String
        var regions: [String]
    }

    /// Answers 200 when the latest background probe could read every region store and the public
    /// index (``HealthProbe``); the request itself touches no database.
    /// - Throws: ``ReelError`` 500 `unhealthy` when the probe failed.
    @Sendable func healthCheck(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let failure = await health.current().failure {
            context.logger.error("health probe failed", metadata: ["error": "\(failure)"])
            throw ReelError(.internal, code: "unhealthy", message: "A store of this server cannot be read.")
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: healthyBody))
    }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let data = try? Data(contentsOf: url) else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
