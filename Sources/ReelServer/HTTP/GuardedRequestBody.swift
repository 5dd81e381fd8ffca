import Foundation
import Hummingbird
import Logging
import NIOCore
import ReelCore

/// A request body read through one shared iterator, so that whatever a route leaves unread can be
/// drained once the route has answered, and a connection lost mid-body becomes the client's 400.
///
/// `@unchecked Sendable`: the route reads the body first and ``RequestBodyMiddleware`` drains it
/// only after the route has returned, so the iterator is never used by two tasks at once; Hummingbird
/// itself allows only one reader of a request body.
final class GuardedRequestBody: AsyncSequence, @unchecked Sendable {
    typealias Element = ByteBuffer

    private var iterator: RequestBody.AsyncIterator
    private var isFinished = false
    private let logger: Logger

    /// Wraps `body`; `logger` receives the warning when the client ends the connection mid-body.
    init(_ body: RequestBody, logger: Logger) {
        iterator = body.makeAsyncIterator()
        self.logger = logger
    }

    /// Iterates the shared body.
    struct AsyncIterator: AsyncIteratorProtocol {
        let body: GuardedRequestBody

        mutating func next() async throws -> ByteBuffer? { try await body.nextChunk() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }

    /// The next chunk, or nil at the end of the body.
    /// - Throws: ``ReelError`` 400 `body_incomplete` (logged as a warning, not as a server error)
    ///   when the connection fails or ends before the body is complete.
    func nextChunk() async throws -> ByteBuffer? {
        guard !isFinished else { return nil }
        do {
            let chunk = try await iterator.next()
            if chunk == nil { isFinished = true }
            return chunk
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            isFinished = true
            logger.warning("client ended the connection before the request body was complete", metadata: ["error": "\(error)"])
            throw ReelError.badRequest("The connection ended before the whole request body arrived.", code: "body_incomplete")
        }
    }

    /// Reads and discards the rest of the body, at most `limit` bytes.
    /// - Returns: true when the body ended within the limit (or failed), false when more is coming.
    func drain(upTo limit: Int) async -> Bool {
        var discarded = 0
        while discarded <= limit {
            guard let chunk = try? await nextChunk() else { return true }
            discarded += chunk.readableBytes
        }
        return false
    }
}
