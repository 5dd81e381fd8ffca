import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ReelCore
import ReelStore

/// The one place where domain errors become HTTP statuses and JSON bodies
/// `{"error": {"code": "…", "message": "…"}}`.
extension ReelError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch kind {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .unprocessable: .unprocessableContent
        case .tooManyRequests: .tooManyRequests
        case .internal: .internalServerError
        case .unavailable: .serviceUnavailable
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if kind == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        let body = ErrorBody(error: .init(code: code, message: message, retryAfterSeconds: retryAfterSeconds))
        let data = try ErrorBody.encoder.encode(body)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

struct ErrorBody: Codable {
    struct Detail: Codable {
        var code: String
        var message: String
        /// Only on 429 `rate_limited`: the `Retry-After` header's seconds, for clients that read bodies only.
        var retryAfterSeconds: Int?
    }
    var error: Detail

    /// Encodes error bodies as success bodies are encoded: keys sorted (`code`, `message`,
    /// `retryAfterSeconds`), so a body's bytes never depend on the run.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// Turns every error that escapes a route into Reel's JSON error shape: framework errors keep
/// their status, anything unexpected becomes a logged 500 whose body reveals nothing internal.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ReelError {
            if error.kind == .internal || error.kind == .unavailable {
                context.logger.error("request failed", metadata: ["error.code": "\(error.code)", "error.message": "\(error.message)"])
            }
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let mapped = ReelError(Self.kind(for: error.status), code: Self.code(for: error.status),
                                   message: error.body ?? Self.sentence(for: error.status))
            var response = try mapped.response(from: request, context: context)
            response.status = error.status
            for field in error.headers where response.headers[field.name] == nil { response.headers.append(field) }
            return response
        } catch let error as DecodingError {
            return try ReelError(decoding: error).response(from: request, context: context)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return try ReelError(.internal, code: "internal", message: "Internal error.").response(from: request, context: context)
        }
    }

    static func kind(for status: HTTPResponse.Status) -> ReelError.Kind {
        switch status.code {
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 409: .conflict
        case 413: .payloadTooLarge
        case 415: .unsupportedMediaType
        case 422: .unprocessable
        case 429: .tooManyRequests
        case 503: .unavailable
        case 400..<500: .badRequest
        default: .internal
        }
    }

    /// A sentence for a framework error that carries no message of its own (an unknown route is 404).
    static func sentence(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "Nothing is at this path; see /openapi.yaml for the routes."
        case 405: "This path does not accept that method."
        case 413: "The request body is too large."
        default: "The request failed: \(status.reasonPhrase)."
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "body_too_large"
        default: status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
        }
    }
}
