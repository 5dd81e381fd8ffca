import Foundation
import Hummingbird
import NIOCore
import ReelCore
import ReelMedia
@testable import ReelServer
import Testing

@Suite("Multipart upload reader and form queries")
struct MultipartUploadTests {
    /// Runs the reader over `body` cut into chunks of `chunkSize` bytes; returns the fields and the file.
    func read(_ body: [UInt8], boundary: String, chunkSize: Int) async throws -> (fields: [String: String], file: [UInt8]) {
        let chunks = stride(from: 0, to: body.count, by: chunkSize).map { ByteBuffer(bytes: body[$0..<min($0 + chunkSize, body.count)]) }
        let stream = AsyncStream<ByteBuffer> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        let reader = try MultipartUpload(contentType: "multipart/form-data; boundary=\"\(boundary)\"", body: RequestBody(asyncSequence: stream))
        let fields = try await reader.readFields()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("multipart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let destination = directory.appendingPathComponent("upload")
        let writer = try UploadWriter(destination: destination, byteLimit: 1 << 30)
        try await reader.streamFile(into: writer)
        try writer.finish()
        return (fields, Array(try Data(contentsOf: destination)))
    }

    /// File bytes full of what a parser could mistake for framing.
    static let trickyFile: [UInt8] = {
        var random = SplitMix(seed: 7)
        var bytes: [UInt8] = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let lookalike = Array("\r\n--ReelTestBoundary7MA4YWxkTrZu0g".utf8) + Array("\r\r\n-\r\n--".utf8)
        for offset in stride(from: 0, to: bytes.count - lookalike.count, by: 4_099) { bytes.replaceSubrange(offset..<offset + lookalike.count, with: lookalike) }
        return bytes
    }()

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("the file arrives byte for byte however the body is cut, with framing look-alikes inside", arguments: [1, 7, 1_000, 65_536])
    func streaming(_ chunkSize: Int) async throws {
        var body = MultipartBody(boundary: "ReelTestBoundary7MA4YWxkTrZu0gW")
        body.field("caption", "Line one\r\nline two ✨")
        body.field("caption", "ignored second caption")
        body.field("visibility", "private")
        body.file(data: Data(Self.trickyFile))
        body.field("after", "ignored")
        body.close()
        let (fields, file) = try await read(body.bytes, boundary: body.boundary, chunkSize: chunkSize)
        #expect(fields == ["caption": "Line one\r\nline two ✨", "visibility": "private"])
        #expect(file == Self.trickyFile)
    }

    @Test("a body with no boundary delimiter line is invalid_multipart; well-formed parts without file are missing_file")
    func noDelimiter() async throws {
        for garbage in ["garbage", "", "b0undary\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx"] {
            let error = await #expect(throws: ReelError.self) { _ = try await read(Array(garbage.utf8), boundary: "b0undary", chunkSize: 1_000) }
            #expect(error?.code == "invalid_multipart", "\(garbage)")
        }
        var fieldsOnly = MultipartBody()
        fieldsOnly.field("caption", "no file")
        fieldsOnly.close()
        let error = await #expect(throws: ReelError.self) { _ = try await read(fieldsOnly.bytes, boundary: fieldsOnly.boundary, chunkSize: 1_000) }
        #expect(error?.code == "missing_file")
    }

    @Test("an oversized part header or text field is refused without being held in memory")
    func limits() async throws {
        var header = MultipartBody()
        header.bytes = Array("--\(header.boundary)\r\nContent-Disposition: form-data; name=\"\(String(repeating: "n", count: 100_000))\"\r\n\r\nx".utf8)
        await #expect(throws: ReelError.self) { _ = try await read(header.bytes, boundary: header.boundary, chunkSize: 8_192) }

        var field = MultipartBody()
        field.field("caption", String(repeating: "a", count: MultipartUpload.maxFieldBytes + 1))
        field.file(data: Data([1, 2, 3]))
        field.close()
        do {
            _ = try await read(field.bytes, boundary: field.boundary, chunkSize: 8_192)
            Issue.record("an oversized field was accepted")
        } catch let error as ReelError {
            #expect(error.code == "invalid_multipart")
        }
    }

    @Test("boundary and Content-Disposition parameters are read per RFC 2046 and RFC 7578", arguments: [
        ("multipart/form-data; boundary=abc", "abc"), ("multipart/form-data; boundary=\"a b:c\"", "a b:c"),
        ("multipart/form-data; charset=utf-8; BOUNDARY=xyz", "xyz"), ("multipart/form-data;boundary=x;other=1", "x"),
    ] as [(String, String)])
    func boundaries(_ contentType: String, _ boundary: String) {
        #expect(MultipartUpload.boundary(in: contentType) == boundary)
    }

    @Test("Content-Disposition names, quoted or not")
    func dispositionNames() {
        #expect(MultipartUpload.dispositionName(#"form-data; name="file"; filename="my clip; final.mp4""#) == "file")
        #expect(MultipartUpload.dispositionName(#"form-data; filename="a\"b"; name=caption"#) == "caption")
        #expect(MultipartUpload.dispositionName(#"attachment; name="file""#) == nil)
    }

    @Test("queries decode as browsers encode forms", arguments: [
        ("q=first+clip", "q", "first clip"), ("q=1%2B1", "q", "1+1"), ("q=%E2%82%AC+5", "q", "€ 5"),
        ("q=100%", "q", "100%"), ("q=%zz", "q", "%zz"), ("q=a&q=b", "q", "a"), ("my+key=v", "my key", "v"),
        ("flag", "flag", ""), ("q=a=b", "q", "a=b"), ("q=%FF", "q", "\u{FFFD}"),
    ] as [(String, String, String)])
    func formQuery(_ query: String, _ name: String, _ value: String) {
        #expect(FormQuery(query)[name] == value)
    }
}
