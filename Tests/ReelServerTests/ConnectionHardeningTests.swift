import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ReelCore
import Synchronization
@testable import ReelServer
import Testing

/// What a real socket sees: half-sent headers, oversized headers, clients that write a whole body
/// before reading an early error, and clients that go away mid-upload.
@Suite("Connection hardening (live server)", .serialized)
struct ConnectionHardeningTests {
    /// Runs `body` against a live server on a free port, with every log record captured.
    static func live(_ adjust: (inout ReelConfiguration) -> Void = { _ in },
                     _ body: @Sendable (_ port: Int, _ client: any TestClientProtocol, _ logs: CapturedLogs) async throws -> Void) async throws {
        let reel = try await TestApp.make(.sqlite, adjust)
        defer { reel.cleanUp() }
        let logs = CapturedLogs()
        var logger = Logger(label: "reel.test.live") { _ in logs }
        logger.logLevel = .info
        try await buildApplication(reel.app, logger: logger).test(.live) { client in
            try await body(try #require(client.port), client, logs)
        }
    }

    @Test("a connection that sends half a header is closed after the idle timeout")
    func halfHeaderIsClosed() async throws {
        try await Self.live({ $0.idleTimeout = 1 }) { port, _, _ in
            // The idle clock starts when the connection opens or bytes last arrived, both after
            // `start`: measuring from after the write undercounts on a loaded machine.
            let start = ContinuousClock.now
            let connection = try RawHTTPConnection(port: port)
            #expect(await connection.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: "))
            let (_, isClosed) = await connection.readUntilClosed(deadline: .seconds(20))
            #expect(isClosed, "the server kept a half-sent request open for 20 s")
            #expect(ContinuousClock.now - start >= .milliseconds(900))
        }
    }

    @Test("oversized request headers get 431 with the JSON error")
    func oversizedHeaders() async throws {
        try await Self.live { port, _, _ in
            let connection = try RawHTTPConnection(port: port)
            let big = String(repeating: "a", count: 20 * 1024)
            #expect(await connection.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: \(big)\r\n\r\n"))
            let (text, isClosed) = await connection.readUntilClosed(deadline: .seconds(20))
            #expect(text.hasPrefix("HTTP/1.1 431"), "\(text.prefix(200))")
            #expect(text.contains(#""code":"headers_too_large""#))
            #expect(text.lowercased().contains("x-content-type-options: nosniff"))
            #expect(isClosed)
        }
    }

    @Test("a request NIO cannot parse gets 400 invalid_http with the JSON error and security headers", arguments: [
        "GET /v1/search?q=\u{FB01}ve HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /v1/search?q=café HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /v1/search?q=a b HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n\r\n",
    ])
    func unparsableRequests(request: String) async throws {
        try await Self.live { port, _, _ in
            let connection = try RawHTTPConnection(port: port)
            #expect(await connection.write(request))
            let (text, isClosed) = await connection.readUntilClosed(deadline: .seconds(20))
            #expect(text.hasPrefix("HTTP/1.1 400"), "\(text.prefix(200))")
            #expect(text.contains(#""code":"invalid_http""#), "\(text)")
            #expect(text.lowercased().contains("x-content-type-options: nosniff"))
            #expect(text.lowercased().contains("content-type: application/json"))
            #expect(isClosed)
        }
    }

    /// Writes a request with a `Connection: close` header and a body of `bodyBytes`, then reads the answer.
    static func writeWholeBodyThenRead(port: Int, head: String, bodyBytes: Int) async throws -> (wroteAll: Bool, response: String) {
        let connection = try RawHTTPConnection(port: port, sendBufferBytes: 64 * 1024)
        let request = Array("\(head)Content-Length: \(bodyBytes)\r\nConnection: close\r\n\r\n".utf8) + [UInt8](repeating: 0x2A, count: bodyBytes)
        let wroteAll = await connection.write(request, stallTimeout: .seconds(10))
        return (wroteAll, await connection.readUntilClosed(deadline: .seconds(20)).text)
    }

    @Test("an early 401 or 415 on an upload reads the body first, so a client that writes it all does not hang")
    func earlyErrorsDrainTheBody() async throws {
        try await Self.live({ $0.maxUploadBytes = 32 * 1024 * 1024 }) { port, client, _ in
            let anonymous = try await Self.writeWholeBodyThenRead(
                port: port, head: "POST /v1/videos HTTP/1.1\r\nHost: localhost\r\nContent-Type: video/mp4\r\n", bodyBytes: 24 * 1024 * 1024)
            #expect(anonymous.wroteAll, "the client could not write its body: the server stopped reading")
            #expect(anonymous.response.hasPrefix("HTTP/1.1 401"), "\(anonymous.response.prefix(200))")
            let user = try await client.signUp("drainer")
            let wrongType = try await Self.writeWholeBodyThenRead(
                port: port, head: "POST /v1/videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(user.token)\r\nContent-Type: text/plain\r\n",
                bodyBytes: 24 * 1024 * 1024)
            #expect(wrongType.wroteAll, "the client could not write its body: the server stopped reading")
            #expect(wrongType.response.hasPrefix("HTTP/1.1 415"), "\(wrongType.response.prefix(200))")
        }
    }

    @Test("413 on an announced Content-Length still lets the client finish writing and read the error")
    func payloadTooLargeDrains() async throws {
        try await Self.live { port, client, _ in
            let user = try await client.signUp("oversharer")
            let result = try await Self.writeWholeBodyThenRead(
                port: port, head: "POST /v1/videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(user.token)\r\nContent-Type: video/mp4\r\n",
                bodyBytes: 12 * 1024 * 1024)
            #expect(result.wroteAll, "the client could not write its body: the server stopped reading")
            #expect(result.response.hasPrefix("HTTP/1.1 413"), "\(result.response.prefix(200))")
            #expect(result.response.contains(#""code":"upload_too_large""#))
        }
    }

    @Test("a client that aborts an upload mid-body is logged as a warning and answered 400, never a 500", arguments: [
        "/v1/videos", "/v1/accounts",
    ])
    func abortedUpload(path: String) async throws {
        try await Self.live { port, client, logs in
            let user = try await client.signUp("quitter")
            let earlier = logs.records.count  // the sign-up's own log lines
            let connection = try RawHTTPConnection(port: port)
            let type = path == "/v1/videos" ? "video/mp4" : "application/json"
            #expect(await connection.write("""
                POST \(path) HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(user.token)\r\nContent-Type: \(type)\r\n\
                Content-Length: 1000000\r\n\r\n
                """))
            #expect(await connection.write([UInt8](repeating: 0x7B, count: 100_000)))
            connection.abort()
            let deadline = ContinuousClock.now + .seconds(30)
            var statuses: [String] = []
            while ContinuousClock.now < deadline {
                statuses = logs.records.dropFirst(earlier).filter { $0.message == "request" && $0.metadata["request.path"] == path }
                    .compactMap { $0.metadata["response.status"] }
                if !statuses.isEmpty { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(statuses == ["400"], "logged statuses for the aborted \(path): \(statuses)")
            #expect(logs.records.contains { $0.level == .warning && $0.message.contains("before the request body was complete") })
            #expect(!logs.records.contains { $0.level >= .error }, "\(logs.records.filter { $0.level >= .error })")
        }
    }
}

/// Log records kept in memory for assertions.
final class CapturedLogs: LogHandler, Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let storage = Mutex<[Record]>([])
    private let context = Mutex<(level: Logger.Level, metadata: Logger.Metadata)>((.info, [:]))

    /// Everything logged so far.
    var records: [Record] { storage.withLock { $0 } }

    var logLevel: Logger.Level {
        get { context.withLock { $0.level } }
        set { context.withLock { $0.level = newValue } }
    }

    var metadata: Logger.Metadata {
        get { context.withLock { $0.metadata } }
        set { context.withLock { $0.metadata = newValue } }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        storage.withLock {
            $0.append(Record(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
        }
    }
}
