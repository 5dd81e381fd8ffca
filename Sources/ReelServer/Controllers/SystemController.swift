import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelStore

/// Health check and the OpenAPI document.
struct SystemController {
    let platform: Platform
    let health: HealthProbe

    var routes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("healthz", use: healthCheck)
            .get("openapi.yaml", use: openAPI)
    }

    struct Health: ResponseEncodable {
        var status: String
        var regions: [String]
    }

    /// Answers 200 when the latest background probe could read every region store and the public
    /// index (``HealthProbe``); the request itself touches no database.
    /// - Throws: ``ReelError`` 500 `unhealthy` when the probe failed.
    @Sendable func healthCheck(_ request: Request, context: AppRequestContext) async throws -> Health {
        if let failure = await health.current().failure {
            context.logger.error("health probe failed", metadata: ["error": "\(failure)"])
            throw ReelError(.internal, code: "unhealthy", message: "A store of this server cannot be read.")
        }
        return Health(status: "ok", regions: regions)
    }

    private var regions: [String] { platform.configuration.regions.regions.map(\.code.rawValue) }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let data = try? Data(contentsOf: url) else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
