/// A domain error a client can act on: a stable machine `code`, a human `message`, and a kind
/// that the server maps to an HTTP status in one place.
public struct ReelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely; the server maps each kind to one HTTP status.
    public enum Kind: Sendable, Equatable {
        /// 400: malformed request (bad JSON, wrong types, bad cursor).
        case badRequest
        /// 401: no or bad credentials.
        case unauthorized
        /// 403: authenticated but not allowed.
        case forbidden
        /// 404: no such resource (or not visible to the caller).
        case notFound
        /// 409: conflicts with existing state (e.g. handle taken).
        case conflict
        /// 413: body over the configured limit.
        case payloadTooLarge
        /// 415: wrong content type.
        case unsupportedMediaType
        /// 422: well-formed but semantically invalid (validation failed).
        case unprocessable
        /// 429: rate limited.
        case tooManyRequests
        /// 500: our fault; the message is safe to show.
        case `internal`
        /// 503: a service this request needs (e.g. the region's key custodian) cannot be reached now.
        case unavailable
    }

    /// Coarse kind, mapped to an HTTP status by the server.
    public var kind: Kind
    /// Stable snake_case code clients can switch on, e.g. `handle_taken`.
    public var code: String
    /// Human-readable explanation.
    public var message: String
    /// For a rate limit (429 `rate_limited`): whole seconds until the client may try again, sent as
    /// the `Retry-After` header (RFC 9110 §10.2.3) and as `retryAfterSeconds` in the error body.
    public var retryAfterSeconds: Int?

    /// Creates an error.
    public init(_ kind: Kind, code: String, message: String, retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(code): \(message)" }

    /// A malformed request.
    public static func badRequest(_ message: String, code: String = "bad_request") -> ReelError {
        ReelError(.badRequest, code: code, message: message)
    }
    /// A failed validation of a field.
    public static func invalid(_ message: String, code: String = "validation_failed") -> ReelError {
        ReelError(.unprocessable, code: code, message: message)
    }
    /// A missing resource, named by what it is.
    public static func notFound(_ what: String) -> ReelError {
        ReelError(.notFound, code: "not_found", message: "No such \(what) was found.")
    }
    /// Missing or bad credentials.
    public static func unauthorized(_ message: String = "Sign in to do this.", code: String = "unauthorized") -> ReelError {
        ReelError(.unauthorized, code: code, message: message)
    }
    /// Not allowed for this caller.
    public static func forbidden(_ message: String, code: String = "forbidden") -> ReelError {
        ReelError(.forbidden, code: code, message: message)
    }
    /// Conflicts with existing state.
    public static func conflict(_ message: String, code: String = "conflict") -> ReelError {
        ReelError(.conflict, code: code, message: message)
    }
    /// A dependency the request needs is unreachable for now (retrying later may work).
    public static func unavailable(_ message: String, code: String) -> ReelError {
        ReelError(.unavailable, code: code, message: message)
    }
    /// Too many attempts of one action: 429 `rate_limited`, to be retried after `seconds` (at least 1).
    public static func rateLimited(_ message: String, retryAfter seconds: Double) -> ReelError {
        ReelError(.tooManyRequests, code: "rate_limited", message: message, retryAfterSeconds: max(1, Int(seconds.rounded(.up))))
    }
    /// Invalid configuration at start-up.
    public static func invalidConfig(_ message: String) -> ReelError {
        ReelError(.internal, code: "invalid_config", message: message)
    }
}
