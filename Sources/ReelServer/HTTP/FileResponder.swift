import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ReelCore
import ReelStore

/// Serves a media file with HTTP range support (206 / 416), read from disk on NIO's thread pool.
///
/// A range up to ``chunkSize`` (a player's typical request) costs one thread-pool job that opens,
/// sizes and reads the file (``FileSlice``); a longer one streams further chunks, one job each, so
/// memory stays bounded. Hummingbird 2's response body carries `ByteBuffer`s only, so `sendfile`
/// (NIO's `FileRegion`) is out of reach; the bytes are copied once, from the page cache.
struct FileResponder: Sendable {
    /// Bytes read per thread-pool job.
    static let chunkSize = 256 * 1024
    let threadPool: NIOThreadPool = .singleton

    func response(for url: URL, contentType: String, request: Request, context: some RequestContext) async throws -> Response {
        let path = url.path
        let rangeHeader = request.headers[.range]
        let wantsBody = request.method != .head
        let first: FileSlice.Read
        do {
            first = try await threadPool.runIfActive {
                try FileSlice.read(path: path) { size in
                    guard wantsBody, let span = Self.span(ByteRange(header: rangeHeader, size: size), size: size) else { return (0, 0) }
                    return (span.lowerBound, min(span.count, Self.chunkSize))
                }
            }
        } catch is FileSlice.Failure {
            throw HTTPError(.notFound, message: "media file not found")
        }
        let size = first.fileSize
        let range = ByteRange(header: rangeHeader, size: size)
        guard let span = Self.span(range, size: size) else {
            var error = HTTPError(.rangeNotSatisfiable, message: "the requested range is outside the file")
            error.headers[.contentRange] = "bytes */\(size)"
            throw error
        }
        var headers: HTTPFields = [.contentType: contentType, .acceptRanges: "bytes", .cacheControl: "private, max-age=3600",
                                   .contentLength: "\(span.count)"]
        let status: HTTPResponse.Status
        if case .partial = range {
            status = .partialContent
            headers[.contentRange] = "bytes \(span.lowerBound)-\(span.upperBound - 1)/\(size)"
        } else {
            status = .ok
        }
        guard wantsBody else { return Response(status: status, headers: headers, body: ResponseBody()) }
        guard first.bytes.readableBytes < span.count else { return Response(status: status, headers: headers, body: .init(byteBuffer: first.bytes)) }
        let rest = (span.lowerBound + first.bytes.readableBytes)..<span.upperBound
        let pool = threadPool
        let body = ResponseBody(contentLength: span.count) { writer in
            try await writer.write(first.bytes)
            for offset in stride(from: rest.lowerBound, to: rest.upperBound, by: Self.chunkSize) {
                let count = min(Self.chunkSize, rest.upperBound - offset)
                let chunk = try await pool.runIfActive { try FileSlice.read(path: path) { _ in (offset, count) }.bytes }
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// The bytes to send for `range` of a file of `size` bytes; nil when none can be (416).
    private static func span(_ range: ByteRange, size: Int) -> Range<Int>? {
        switch range {
        case .whole: 0..<size
        case .partial(let bytes): bytes.lowerBound..<(bytes.upperBound + 1)
        case .unsatisfiable: nil
        }
    }
}
