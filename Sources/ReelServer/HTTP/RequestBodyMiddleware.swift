import Foundation
import HTTPTypes
import Hummingbird

/// Lets routes read request bodies through a ``GuardedRequestBody`` and, before any response is
/// sent, discards what the route left unread (up to `drainLimit` bytes).
///
/// A client that writes its whole body before reading (many do, and `Connection: close` clients
/// get no later draining from the server) would otherwise hang on an early 401, 413 or 415. A body
/// larger than the limit (announced or found) is not read to its end: the answer then carries
/// `Connection: close`, and the idle timeout ends a client that never stops writing.
struct RequestBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Most bytes discarded after a route has answered.
    let drainLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.hasBody(request) else { return try await next(request, context) }
        let body = GuardedRequestBody(request.body, logger: context.logger)
        var request = request
        request.body = RequestBody(asyncSequence: body)
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            _ = await body.drain(upTo: drainLimit)
            throw error
        }
        let announced = request.headers[.contentLength].flatMap(Int.init) ?? 0
        if announced > drainLimit {
            response.headers[.connection] = "close"
        } else if !(await body.drain(upTo: drainLimit)) {
            response.headers[.connection] = "close"
        }
        return response
    }

    /// Whether the request announces a body (RFC 9112 §6.3: `Transfer-Encoding` or a non-zero `Content-Length`).
    static func hasBody(_ request: Request) -> Bool {
        if request.headers[.transferEncoding] != nil { return true }
        guard let length = request.headers[.contentLength] else { return false }
        return length != "0"
    }
}
