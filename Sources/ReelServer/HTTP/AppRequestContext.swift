import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelStore

/// Who a request is from, once its bearer token has been checked.
public struct Identity: Sendable {
    /// The signed-in user.
    public var userID: ReelID
    /// The session the token names (logout revokes it).
    public var sessionID: ReelID
}

/// The request context of every route: carries the optional identity set by
/// ``AuthenticationMiddleware`` and Reel's JSON coding conventions.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set when the request carried a valid bearer token.
    public var identity: Identity?
    /// Largest request body a JSON route reads.
    public var maxUploadSize: Int
    /// The client's IP address, for rate limits only (never stored): the connection's peer, or what
    /// a trusted proxy forwarded (``ClientAddressMiddleware``). Nil when unknown.
    public var clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        maxUploadSize = 1024 * 1024
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    public var requestDecoder: JSONDecoder { JSONCoding.sharedDecoder }
    public var responseEncoder: JSONEncoder { JSONCoding.sharedResponseEncoder }
}

/// The context of routes that require a signed-in user: the compiler guarantees `identity`.
public struct AuthenticatedContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user.
    public var identity: Identity
    /// Largest request body a JSON route reads.
    public var maxUploadSize: Int
    /// The client's IP address (see ``AppRequestContext/clientAddress``).
    public var clientAddress: String?

    public init(context: AppRequestContext) throws {
        guard let identity = context.identity else { throw ReelError.unauthorized() }
        // Keep the parent's storage: it holds the route parameters and the request's logger.
        coreContext = context.coreContext
        self.identity = identity
        maxUploadSize = context.maxUploadSize
        clientAddress = context.clientAddress
    }

    public var requestDecoder: JSONDecoder { JSONCoding.sharedDecoder }
    public var responseEncoder: JSONEncoder { JSONCoding.sharedResponseEncoder }
}

/// Reel's JSON conventions: camelCase keys, RFC 3339 times.
enum JSONCoding {
    /// One encoder for every response: its options never change after this, and JSONEncoder is
    /// Sendable, so requests need not allocate and configure one each.
    static let sharedResponseEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// One decoder for every request, for the same reason as ``sharedResponseEncoder``.
    static let sharedDecoder = decoder()

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        // Accept RFC 3339 with or without fractional seconds (JavaScript's toISOString() sends milliseconds),
        // and with a lower-case `t` and `z`, which RFC 3339 §5.6 (note on the ABNF) allows.
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self).uppercased()
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be an RFC 3339 time such as 2026-01-31T12:00:00Z")
        }
        return decoder
    }
}
