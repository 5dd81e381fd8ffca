import Hummingbird
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The custodian's request context: Hummingbird's core context plus the request's connection, so
/// ``PeerCredentialMiddleware`` can ask the kernel who is on the other end of a Unix socket.
public struct CustodianRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    let channel: any Channel

    /// Creates the context for one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// On a Unix socket, admits to the key and append routes only callers whose user ID the kernel
/// vouches for (the public log routes stay open to every local caller).
///
/// Reads the peer's credentials with `getsockopt(SOL_SOCKET, SO_PEERCRED)` (Linux `unix(7)`): the
/// user ID of the process that connected, which the caller cannot forge. A caller with another user
/// ID gets 401 `peer_not_allowed` even with the right bearer credential, so a stolen credential is
/// useless to other local users. Cost: one system call per request.
struct PeerCredentialMiddleware: RouterMiddleware {
    typealias Context = CustodianRequestContext

    /// User IDs allowed to connect.
    let allowedUserIDs: Set<UInt32>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if CustodianAuthMiddleware<Context>.isPublic(request) { return try await next(request, context) }
        guard let provider = context.channel as? any SocketOptionProvider else { throw CustodianError.peerNotAllowed(nil) }
        let credentials: PeerCredential = try await provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)).get()
        guard allowedUserIDs.contains(credentials.userID) else { throw CustodianError.peerNotAllowed(credentials.userID) }
        return try await next(request, context)
    }
}

/// The layout of Linux's `struct ucred` (`<sys/socket.h>`, behind `_GNU_SOURCE`, so not visible to
/// Swift's Glibc module): the connecting process's ID, user ID and group ID, 12 bytes.
struct PeerCredential: Sendable {
    var processID: Int32 = 0
    var userID: UInt32 = 0
    var groupID: UInt32 = 0
}
