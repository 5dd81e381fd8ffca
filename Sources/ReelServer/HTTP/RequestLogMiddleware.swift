import Hummingbird
import Logging

/// Logs one line per request: method, path (never the query, which may carry an
/// `access_token`), status and duration. The line goes to the logger's handler; `reel serve`
/// buffers it (``BufferedLogHandler``) so that no request waits on a write to stderr.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        guard context.logger.logLevel <= .info else { return response }
        let elapsed = (ContinuousClock.now - start).components
        // Tenths of a millisecond, formatted without Foundation's String(format:).
        let tenths = elapsed.seconds * 10_000 + elapsed.attoseconds / 100_000_000_000_000
        context.logger.info("request", metadata: [
            "request.method": "\(request.method)",
            "request.path": "\(request.uri.path)",
            "response.status": "\(response.status.code)",
            "request.ms": "\(tenths / 10).\(tenths % 10)",
        ])
        return response
    }
}
