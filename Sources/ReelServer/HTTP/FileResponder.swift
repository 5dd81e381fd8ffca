import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ReelCore
import ReelStore

/// Serves a media file with HTTP range support (206 / 416), streaming from disk.
struct FileResponder: Sendable {
    let fileIO = FileIO()

    func response(for url: URL, contentType: String, request: Request, context: some RequestContext) async throws -> Response {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let size = (attributes[.size] as? NSNumber)?.intValue else {
            throw HTTPError(.notFound, message: "media file not found")
        }
        var headers: HTTPFields = [.contentType: contentType, .acceptRanges: "bytes", .cacheControl: "private, max-age=3600"]
        switch ByteRange(header: request.headers[.range], size: size) {
        case .whole:
            headers[.contentLength] = "\(size)"
            let body = request.method == .head ? ResponseBody() : try await fileIO.loadFile(path: url.path, context: context)
            return Response(status: .ok, headers: headers, body: body)
        case .partial(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            headers[.contentLength] = "\(range.count)"
            let body = request.method == .head ? ResponseBody() : try await fileIO.loadFile(path: url.path, range: range, context: context)
            return Response(status: .partialContent, headers: headers, body: body)
        case .unsatisfiable:
            var error = HTTPError(.rangeNotSatisfiable, message: "the requested range is outside the file")
            error.headers[.contentRange] = "bytes */\(size)"
            throw error
        }
    }
}
