import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ReelMedia
@testable import ReelServer
import Testing

/// Byte ranges of a disk object larger than one read chunk (``DiskMediaStore/readChunkSize``),
/// served by ``MediaResponder`` (RFC 9110 §14).
@Suite("Serving file ranges")
struct MediaResponderTests {
    /// A router serving one object of a fresh ``DiskMediaStore`` at `/file`, and the object's bytes.
    static func serve(size: Int, _ body: @Sendable (any TestClientProtocol, Data) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ranges-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try DiskMediaStore(root: root)
        let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 251) })
        let file = store.scratch.uploadURL(for: "ranges")
        try data.write(to: file)
        let key = MediaKey.video("ranges")
        try await store.put(fileAt: file, as: key)
        let router = Router()
        @Sendable func respond(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
            guard let media = try await StoredMedia(store: store, key: key) else { throw HTTPError(.notFound) }
            return try MediaResponder().response(for: media, request: request)
        }
        router.get("file", use: respond)
        router.head("file", use: respond)
        try await Application(router: router).test(.router) { client in try await body(client, data) }
    }

    @Test("whole file, small and multi-chunk ranges, suffix ranges, HEAD and 416 carry exactly the right bytes and headers")
    func ranges() async throws {
        let size = DiskMediaStore.readChunkSize * 2 + 12_345
        try await Self.serve(size: size) { client, data in
            let whole = try await client.execute(uri: "/file", method: .get)
            #expect(whole.status == .ok)
            #expect(whole.headers[.contentLength] == "\(size)")
            #expect(Data(whole.body.readableBytesView) == data)

            for (header, expected) in [("bytes=0-65535", 0...65535), ("bytes=1000-\(DiskMediaStore.readChunkSize + 5000)", 1000...(DiskMediaStore.readChunkSize + 5000)), ("bytes=100-\(size + 50)", 100...(size - 1)),
                                       ("bytes=-1000", (size - 1000)...(size - 1)), ("bytes=5-", 5...(size - 1))] {
                let part = try await client.execute(uri: "/file", method: .get, headers: [.range: header])
                #expect(part.status == .partialContent, "\(header)")
                #expect(part.headers[.contentRange] == "bytes \(expected.lowerBound)-\(expected.upperBound)/\(size)", "\(header)")
                #expect(part.headers[.contentLength] == "\(expected.count)", "\(header)")
                #expect(Data(part.body.readableBytesView) == data[expected], "\(header)")
            }

            let head = try await client.execute(uri: "/file", method: .head, headers: [.range: "bytes=0-9"])
            #expect(head.status == .partialContent)
            #expect(head.headers[.contentLength] == "10")
            #expect(head.body.readableBytes == 0)

            let outside = try await client.execute(uri: "/file", method: .get, headers: [.range: "bytes=\(size)-"])
            #expect(outside.status == .rangeNotSatisfiable)
            #expect(outside.headers[.contentRange] == "bytes */\(size)")
        }
    }

    @Test("an empty file is served as 200 with no body")
    func emptyFile() async throws {
        try await Self.serve(size: 0) { client, _ in
            let response = try await client.execute(uri: "/file", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentLength] == "0")
        }
    }
}
