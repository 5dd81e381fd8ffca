import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request whose header section is over the decoder's limits with 431
/// `headers_too_large` and Reel's JSON error (RFC 6585 §5), then closes the connection.
///
/// NIO's HTTP decoder reports oversized headers as `HTTPParserError.headerOverflow`; Hummingbird
/// would answer every parser error with a bare 400. This handler sits right after the decoder's
/// HTTP-types codec and takes that one error; every other error passes on unchanged.
final class HeaderLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// The header-section limit in bytes, named in the error message.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, parserError == .headerOverflow else {
            context.fireErrorCaught(error)
            return
        }
        let body = ErrorBody(error: .init(code: "headers_too_large",
                                          message: "The request's URL and headers are larger than \(limit) bytes; send fewer or shorter headers."))
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        var headers = SecurityHeadersMiddleware<AppRequestContext>.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLength] = "\(data.count)"
        headers[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .requestHeaderFieldsTooLarge, headerFields: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: data))), promise: nil)
        let closer = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in closer.value.close(promise: nil) }
    }
}
