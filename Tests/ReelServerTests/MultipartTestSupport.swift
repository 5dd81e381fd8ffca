import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// Builds `multipart/form-data` bodies the way browsers send them (RFC 7578, CRLF line breaks).
struct MultipartBody {
    var boundary = "----ReelTestBoundary7MA4YWxkTrZu0gW"
    var bytes: [UInt8] = []

    /// Appends a text field.
    mutating func field(_ name: String, _ value: String) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n")
        bytes += Array(value.utf8)
        append("\r\n")
    }

    /// Appends a file part.
    mutating func file(_ name: String = "file", filename: String = "clip.mp4", contentType: String = "video/mp4", data: Data) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n")
        bytes += Array(data)
        append("\r\n")
    }

    /// Appends the close delimiter.
    mutating func close() {
        append("--\(boundary)--\r\n")
    }

    private mutating func append(_ text: String) { bytes += Array(text.utf8) }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}

extension TestClientProtocol {
    /// Uploads `file` as a browser form: `caption` and `visibility` fields, then the file part.
    func uploadForm(_ file: URL, as user: TestUser, caption: String?, visibility: String? = nil) async throws -> TestResponse {
        var body = MultipartBody()
        if let caption { body.field("caption", caption) }
        if let visibility { body.field("visibility", visibility) }
        body.file(data: try Data(contentsOf: file))
        body.close()
        return try await post(body, as: user)
    }

    /// Posts a prepared multipart body to `POST /v1/videos`.
    func post(_ body: MultipartBody, as user: TestUser, contentType: String? = nil) async throws -> TestResponse {
        var headers = user.headers
        headers[.contentType] = contentType ?? body.contentType
        return try await execute(uri: "/v1/videos", method: .post, headers: headers, body: ByteBuffer(bytes: body.bytes))
    }

    /// Posts a raw-body upload to a hand-written URI (to control the query's encoding exactly).
    func uploadRaw(_ file: URL, as user: TestUser, uri: String) async throws -> TestResponse {
        var headers = user.headers
        headers[.contentType] = "video/mp4"
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: try Data(contentsOf: file)))
    }
}
