import Foundation
import Hummingbird
import Logging

/// Logs one line per request: method, path (never the query, which may carry an
/// `access_token`), status and duration.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "request.method": "\(request.method)",
            "request.path": "\(request.uri.path)",
            "response.status": "\(response.status.code)",
            "request.ms": "\(String(format: "%.1f", milliseconds))",
        ])
        return response
    }
}
