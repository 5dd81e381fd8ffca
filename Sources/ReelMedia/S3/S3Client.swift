import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import _NIOFileSystem
import SystemPackage

/// The few S3 REST operations a media store needs, path-style against one bucket, each request
/// signed with SigV4 (``SigV4Signer``) over async-http-client.
///
/// Operations: PutObject (streamed from a file, its SHA-256 signed), HeadObject, GetObject (with
/// `Range`, streamed), DeleteObject and ListObjectsV2 (Amazon S3 API reference). Failures are
/// ``MediaError/objectStore(operation:key:detail:)`` carrying the status and S3 error code.
struct S3Client: Sendable {
    let configuration: S3Configuration
    let http: HTTPClient
    private let signer: SigV4Signer

    /// Longest a request with a body may take, head to end of body (a large upload, a slow reader).
    private static let transferTimeout: TimeAmount = .minutes(30)
    /// Longest any other request (HEAD, DELETE, a LIST page) may take.
    private static let requestTimeout: TimeAmount = .seconds(30)

    init(configuration: S3Configuration, http: HTTPClient) {
        self.configuration = configuration
        self.http = http
        signer = SigV4Signer(credentials: .init(accessKeyID: configuration.accessKeyID, secretAccessKey: configuration.secretAccessKey),
                             region: configuration.region, service: "s3")
    }

    /// PutObject: uploads `file` as `key`. Reads the file twice: once for its SHA-256 (signed, so
    /// S3 refuses a body that arrives damaged), once to stream it.
    func putObject(_ key: String, fromFile file: URL, contentType: String) async throws {
        let path = FilePath(file.path)
        let (size, digest) = try await FileSystem.shared.withFileHandle(forReadingAt: path) { handle in
            var hash = SHA256()
            var size = 0
            for try await chunk in handle.readChunks(chunkLength: .mebibytes(1)) {
                chunk.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }
                size += chunk.readableBytes
            }
            return (size, SigV4Signer.hex(hash.finalize()))
        }
        try await FileSystem.shared.withFileHandle(forReadingAt: path) { handle in
            let body = HTTPClientRequest.Body.stream(handle.readChunks(chunkLength: .mebibytes(1)), length: .known(Int64(size)))
            let response = try await send("PUT", key: key, headers: [("content-type", contentType)], payloadHash: digest, body: body,
                                          timeout: Self.transferTimeout)
            try await expect(response, [.ok], operation: "PUT", key: key)
        }
    }

    /// HeadObject: the object's size, or nil when there is none.
    func headObject(_ key: String) async throws -> Int? {
        let response = try await send("HEAD", key: key)
        if response.status == .notFound { return nil }
        try await expect(response, [.ok], operation: "HEAD", key: key)
        guard let length = response.headers.first(name: "content-length").flatMap(Int.init) else {
            throw MediaError.objectStore(operation: "HEAD", key: key, detail: "no Content-Length in the answer")
        }
        return length
    }

    /// GetObject: streams `range` of the object (all of it when nil) to `consume`.
    func getObject(_ key: String, range: ClosedRange<Int>?, to consume: (ByteBuffer) async throws -> Void) async throws {
        var headers: [(String, String)] = []
        if let range { headers.append(("range", "bytes=\(range.lowerBound)-\(range.upperBound)")) }
        let response = try await send("GET", key: key, headers: headers, timeout: Self.transferTimeout)
        try await expect(response, range == nil ? [.ok] : [.partialContent, .ok], operation: "GET", key: key)
        if let range, response.status == .ok {
            // A server that ignores `Range` answers 200 with the whole object; pass on only the range.
            return try await consumeRange(of: response.body, range: range, to: consume)
        }
        for try await chunk in response.body { try await consume(chunk) }
    }

    /// HeadBucket: succeeds when the bucket exists and the credentials may use it.
    func headBucket() async throws {
        let response = try await send("HEAD", key: nil)
        // A HEAD answer has no body, so name the usual causes.
        let causes: [UInt: String] = [404: " (no such bucket)", 403: " (credentials refused)", 301: " (bucket in another region)"]
        guard response.status == .ok else {
            throw MediaError.objectStore(operation: "HEAD", key: configuration.bucket,
                                         detail: "HTTP \(response.status.code)\(causes[response.status.code] ?? "") at \(configuration.endpoint.absoluteString)")
        }
    }

    /// DeleteObject: removes `key`; S3 answers 204 whether or not it existed.
    func deleteObject(_ key: String) async throws {
        let response = try await send("DELETE", key: key)
        try await expect(response, [.noContent, .ok, .notFound], operation: "DELETE", key: key)
    }

    /// ListObjectsV2: every key starting with `prefix`, following continuation tokens.
    func listKeys(prefix: String) async throws -> [String] {
        try await listObjects(prefix: prefix).map(\.key)
    }

    /// ListObjectsV2: every object whose key starts with `prefix`, with its time, following
    /// continuation tokens (1000 keys a page).
    func listObjects(prefix: String) async throws -> [S3ListPage.Object] {
        var objects: [S3ListPage.Object] = []
        var token: String?
        repeat {
            var query = [(name: "list-type", value: "2"), (name: "prefix", value: prefix)]
            if let token { query.append((name: "continuation-token", value: token)) }
            let response = try await send("GET", key: nil, query: query)
            try await expect(response, [.ok], operation: "LIST", key: prefix)
            let page = S3ListPage(xml: String(buffer: try await response.body.collect(upTo: 16 * 1024 * 1024)))
            objects += page.objects
            token = page.isTruncated ? page.nextContinuationToken : nil
        } while token != nil
        return objects
    }

    /// A presigned GetObject URL for `key`, valid `lifetime` seconds from `date`, on the public endpoint.
    func presignedGetURL(_ key: String, at date: Date, lifetime: Int) -> URL {
        let base = configuration.publicEndpoint ?? configuration.endpoint
        let path = objectPath(key)
        let request = SigV4Signer.Request(method: "GET", path: path, headers: [(name: "host", value: Self.hostHeader(of: base))],
                                          payloadHash: SigV4Signer.unsignedPayload)
        let query = signer.presignedQuery(for: request, at: date, expires: lifetime)
        return URL(string: Self.origin(of: base) + SigV4Signer.encode(path, keepingSlashes: true) + "?" + query)!
    }

    // MARK: - Requests

    private func objectPath(_ key: String?) -> String {
        "/\(configuration.bucket)" + (key.map { "/\($0)" } ?? "")
    }

    /// Signs and sends one request; the caller checks the status and reads the body.
    private func send(_ method: String, key: String?, query: [(name: String, value: String)] = [], headers extra: [(String, String)] = [],
                      payloadHash: String = SigV4Signer.emptyPayloadHash, body: HTTPClientRequest.Body? = nil,
                      timeout: TimeAmount = requestTimeout) async throws -> HTTPClientResponse {
        let path = objectPath(key)
        let host = Self.hostHeader(of: configuration.endpoint)
        var headers: [(name: String, value: String)] = [(name: "host", value: host), (name: "x-amz-content-sha256", value: payloadHash)]
        headers += extra.map { (name: $0.0, value: $0.1) }
        let signature = signer.signedHeaders(for: .init(method: method, path: path, query: query, headers: headers, payloadHash: payloadHash),
                                             at: Date())
        var url = Self.origin(of: configuration.endpoint) + SigV4Signer.encode(path, keepingSlashes: true)
        if !query.isEmpty {
            url += "?" + query.map { "\(SigV4Signer.encode($0.name))=\(SigV4Signer.encode($0.value))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers + signature { request.headers.add(name: name, value: value) }
        if let body { request.body = body }
        do {
            return try await http.execute(request, timeout: timeout)
        } catch {
            throw MediaError.objectStore(operation: method, key: key ?? configuration.bucket, detail: "\(error)")
        }
    }

    /// Throws unless `response` has one of `statuses`, with S3's error code from the body.
    private func expect(_ response: HTTPClientResponse, _ statuses: [HTTPResponseStatus], operation: String, key: String) async throws {
        guard !statuses.contains(response.status) else { return }
        let body = (try? await response.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
        let code = S3ListPage.firstValue(of: "Code", in: body).map { " \($0)" } ?? ""
        throw MediaError.objectStore(operation: operation, key: key, detail: "HTTP \(response.status.code)\(code)")
    }

    /// Skips to `range` of a whole-object body and passes on only those bytes.
    private func consumeRange(of body: HTTPClientResponse.Body, range: ClosedRange<Int>, to consume: (ByteBuffer) async throws -> Void) async throws {
        var offset = 0
        for try await chunk in body {
            let start = max(range.lowerBound, offset), end = min(range.upperBound + 1, offset + chunk.readableBytes)
            if start < end, let slice = chunk.getSlice(at: chunk.readerIndex + start - offset, length: end - start) {
                try await consume(slice)
            }
            offset += chunk.readableBytes
            if offset > range.upperBound { return }
        }
    }

    /// `scheme://host[:port]`.
    private static func origin(of url: URL) -> String {
        "\(url.scheme!.lowercased())://\(hostHeader(of: url))"
    }

    /// The `Host` header for `url`: the host, with the port when it is not the scheme's default.
    static func hostHeader(of url: URL) -> String {
        let host = url.host!.contains(":") ? "[\(url.host!)]" : url.host!
        guard let port = url.port, port != (url.scheme?.lowercased() == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }
}
