import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request that NIO's HTTP/1.1 decoder cannot parse with Reel's JSON error, the security
/// headers and `Connection: close`, then closes the connection.
///
/// NIO's decoder (llhttp) reports malformed requests as an `HTTPParserError`; Hummingbird would answer
/// every one of them with a bare 400 and no body. This handler sits right after the decoder's HTTP-types
/// codec and takes those errors: `headerOverflow` becomes 431 `headers_too_large` (RFC 6585 §5); any other
/// (a raw space or non-ASCII byte in the URL, a header line without a colon, a bad version…) becomes
/// 400 `invalid_http` (RFC 9112 §3.2, §5.1). Only errors in a request's head are answered here: once a
/// head has gone up the pipeline, an error (such as `invalidEOFState` when the client goes away
/// mid-body) belongs to that request's body stream and passes on unchanged, as does every other error.
final class ParserErrorHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// The header-section limit in bytes, named in the 431 message.
    let headerLimit: Int

    /// Whether a request head has been passed on and its end has not.
    private var isInsideRequest = false

    init(headerLimit: Int) {
        self.headerLimit = headerLimit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: isInsideRequest = true
        case .body: break
        case .end: isInsideRequest = false
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, !isInsideRequest || parserError == .headerOverflow else {
            context.fireErrorCaught(error)
            return
        }
        let status: HTTPResponse.Status
        let body: ErrorBody
        if parserError == .headerOverflow {
            status = .requestHeaderFieldsTooLarge
            body = ErrorBody(error: .init(code: "headers_too_large",
                                          message: "The request's URL and headers are larger than \(headerLimit) bytes; send fewer or shorter headers."))
        } else {
            status = .badRequest
            body = ErrorBody(error: .init(code: "invalid_http",
                                          message: "The request is not valid HTTP/1.1; percent-encode spaces and non-ASCII characters in the URL and give every header a name followed by a colon."))
        }
        let data = (try? ErrorBody.encoder.encode(body)) ?? Data()
        var headers = SecurityHeadersMiddleware<AppRequestContext>.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLength] = "\(data.count)"
        headers[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: data))), promise: nil)
        let closer = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in closer.value.close(promise: nil) }
    }
}
