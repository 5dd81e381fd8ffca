import Foundation
import HTTPTypes
import Hummingbird
import ReelMedia

/// Answers a media request from a ``MediaStore``: a 302 to the store's short-lived direct URL
/// when the store gives one, else the bytes, proxied through this server with HTTP range support
/// (RFC 9110 §14: 200, 206 or 416), streamed chunk by chunk.
struct MediaResponder: Sendable {
    func response(for media: StoredMedia, request: Request, now: Date = Date()) throws -> Response {
        if let location = media.store.redirectURL(for: media.key, now: now) {
            // The signed URL expires soon, so neither the redirect nor its target may be reused later.
            return Response(status: .found, headers: [.location: location.absoluteString, .cacheControl: "private, no-store"])
        }
        let size = media.size
        var headers: HTTPFields = [.contentType: media.key.contentType, .acceptRanges: "bytes", .cacheControl: "private, max-age=3600"]
        let status: HTTPResponse.Status
        let range: ClosedRange<Int>?
        switch ByteRange(header: request.headers[.range], size: size) {
        case .whole:
            status = .ok
            range = nil
            headers[.contentLength] = "\(size)"
        case .partial(let bytes):
            status = .partialContent
            range = bytes
            headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(size)"
            headers[.contentLength] = "\(bytes.count)"
        case .unsatisfiable:
            var error = HTTPError(.rangeNotSatisfiable, message: "The requested range is outside the file.")
            error.headers[.contentRange] = "bytes */\(size)"
            throw error
        }
        guard request.method != .head, size > 0 else { return Response(status: status, headers: headers, body: ResponseBody()) }
        let (store, key) = (media.store, media.key)
        let body = ResponseBody(contentLength: range?.count ?? size) { writer in
            try await store.read(key, range: range) { chunk in try await writer.write(chunk) }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: headers, body: body)
    }
}
