import Foundation
import HTTPTypes
import Hummingbird
import ReelCore

/// Sets ``AppRequestContext/clientAddress`` for rate limits: the connection's peer address, unless
/// the peer is a configured trusted proxy (`trustedProxies`), in which case the nearest address in
/// `X-Forwarded-For` that is not a trusted proxy itself (the header is read right to left, because
/// a client can write anything at its left end; RFC 7239 §5.2 describes the same chain).
/// Without trusted proxies the header is ignored, so a client cannot choose its own address.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Addresses of the reverse proxies in front of the server, exactly as the peer address reads.
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: AppRequestContext,
                next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = Self.clientAddress(peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor],
                                                   trustedProxies: trustedProxies)
        return try await next(request, context)
    }

    /// The client behind `peer`, given the `X-Forwarded-For` header lines (each a comma-separated list).
    /// IPv4 addresses written as IPv6 (`::ffff:192.0.2.1`) are read as IPv4.
    /// - Complexity: O(addresses in the header).
    static func clientAddress(peer: String?, forwardedFor: [String], trustedProxies: Set<String>) -> String? {
        guard let peer = peer.map(normalized) else { return nil }
        guard trustedProxies.contains(peer) else { return peer }
        let chain = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { normalized($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty }
        var client = peer
        for address in chain.reversed() {
            client = address
            if !trustedProxies.contains(address) { break }
        }
        return client
    }

    private static func normalized(_ address: String) -> String {
        let lowered = address.lowercased()
        return lowered.hasPrefix("::ffff:") && lowered.contains(".") ? String(lowered.dropFirst(7)) : lowered
    }
}

extension HTTPField.Name {
    /// `X-Forwarded-For`: the client and proxies a request passed through, nearest last.
    static var xForwardedFor: Self { .init("X-Forwarded-For")! }
}
