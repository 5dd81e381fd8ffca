import Foundation
import HTTPTypes
import Hummingbird

/// Answers 405 `method_not_allowed` with an `Allow` header (RFC 9110 §15.5.6) when a request's
/// path names a route but not with its method; other unmatched requests stay 404.
///
/// Added to the router after every route, so it wraps only the router's not-found responder and
/// costs matched requests nothing.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: AllowedMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let methods = allowed.methods(for: request.uri.path), !methods.contains(request.method) else {
            return try await next(request, context)
        }
        let names = methods.map(\.rawValue).sorted()
        var error = HTTPError(.methodNotAllowed,
                              message: "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(names.joined(separator: ", ")).")
        error.headers[.allow] = names.joined(separator: ", ")
        throw error
    }
}
