import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelStore

/// Health check and the OpenAPI document.
struct SystemController {
    let platform: Platform

    var routes: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("healthz", use: health)
            .get("openapi.yaml", use: openAPI)
    }

    struct Health: ResponseEncodable {
        var status: String
        var regions: [String]
    }

    /// Answers 200 once every region store and the public index can be read.
    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Health {
        for store in platform.router.allStores { _ = try await store.tableNames() }
        _ = try await platform.publicIndex.schema()
        return Health(status: "ok", regions: platform.configuration.regions.regions.map(\.code.rawValue))
    }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let data = try? Data(contentsOf: url) else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
