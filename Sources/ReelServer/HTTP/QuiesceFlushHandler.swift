import NIOCore
import NIOHTTPTypes

/// Makes a connection that is closed for a graceful shutdown close only after its last response has
/// reached the socket, so a long response (a media stream) in flight at SIGTERM is delivered whole.
///
/// Hummingbird's `HTTPConnectionStateHandler` answers a quiesce event by closing the connection right
/// after it writes the end of the response in progress; NIO then drops whatever part of the response
/// is still queued above the socket (as much as the kernel's buffer could not take: hundreds of KiB
/// of a large file), and the client receives a truncated body. This handler sits below that one:
/// once the connection is quiescing it keeps the future of the response's last write, and holds the
/// close until that write has completed (NIO completes writes in order, so the whole response has
/// then been written). A second close, such as the one the server issues when the shutdown grace
/// period runs out, passes at once. Until a quiesce event nothing is tracked, so serving costs nothing.
final class QuiesceFlushHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var isQuiescing = false
    /// Completes once the last response end written while quiescing is on the socket.
    private var lastResponseEnd: EventLoopFuture<Void>?

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent { isQuiescing = true }
        context.fireUserInboundEventTriggered(event)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard isQuiescing, case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        let written = promise ?? context.eventLoop.makePromise()
        lastResponseEnd = written.futureResult
        context.write(data, promise: written)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all, let pending = lastResponseEnd else {
            context.close(mode: mode, promise: promise)
            return
        }
        lastResponseEnd = nil
        pending.assumeIsolated().whenComplete { _ in context.close(mode: mode, promise: promise) }
    }
}
