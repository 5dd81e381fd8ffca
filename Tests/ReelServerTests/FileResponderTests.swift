import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import ReelServer
import Testing

/// Byte ranges of a file larger than one read chunk, served by ``FileResponder`` (RFC 9110 §14).
@Suite("Serving file ranges")
struct FileResponderTests {
    /// A router serving one file at `/file`, and the file's bytes.
    static func serve(size: Int, _ body: @Sendable (any TestClientProtocol, Data) async throws -> Void) async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ranges-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 251) })
        try data.write(to: url)
        let router = Router()
        router.get("file") { request, context in
            try await FileResponder().response(for: url, contentType: "video/mp4", request: request, context: context)
        }
        router.head("file") { request, context in
            try await FileResponder().response(for: url, contentType: "video/mp4", request: request, context: context)
        }
        try await Application(router: router).test(.router) { client in try await body(client, data) }
    }

    @Test("whole file, small and multi-chunk ranges, suffix ranges, HEAD and 416 carry exactly the right bytes and headers")
    func ranges() async throws {
        let size = FileResponder.chunkSize * 2 + 12_345
        try await Self.serve(size: size) { client, data in
            let whole = try await client.execute(uri: "/file", method: .get)
            #expect(whole.status == .ok)
            #expect(whole.headers[.contentLength] == "\(size)")
            #expect(Data(whole.body.readableBytesView) == data)

            for (header, expected) in [("bytes=0-65535", 0...65535), ("bytes=100-\(size + 50)", 100...(size - 1)),
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
