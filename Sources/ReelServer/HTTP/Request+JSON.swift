import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelStore

extension Request {
    /// Reads the body (at most `context.maxUploadSize` bytes) and decodes it as JSON.
    ///
    /// - Throws: ``ReelError``: 413 `body_too_large`, 400 `invalid_json` for syntax errors, 400 `body_incomplete`,
    ///   422 `validation_failed` naming the field and what it must be for a missing field or a wrong type
    ///   (``ReelError/init(decoding:body:redecode:)``).
    func decodeJSON<Value: Decodable>(as type: Value.Type, context: some RequestContext) async throws -> Value {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch let error as ReelError {
            throw error  // e.g. `body_incomplete` when the client went away mid-body
        } catch {
            throw ReelError(.payloadTooLarge, code: "body_too_large", message: "Request body is larger than \(context.maxUploadSize) bytes.")
        }
        guard buffer.readableBytes > 0 else { throw ReelError.badRequest("Request body is empty; expected JSON.", code: "invalid_json") }
        let data = Data(buffer.readableBytesView)
        do {
            return try JSONCoding.sharedDecoder.decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw ReelError(decoding: error, body: data) { _ = try JSONCoding.sharedDecoder.decode(Value.self, from: $0) }
        }
    }

    /// The `cursor` and `limit` query parameters, with `limit` clamped to `1...maxLimit`.
    /// A positive integer too large for `Int` (any number of digits) is clamped to `maxLimit` too.
    /// - Throws: ``ReelError`` 400 `invalid_limit` when `limit` is not a positive integer.
    func pagination(defaultLimit: Int = 20, maxLimit: Int = 100) throws -> (cursor: String?, limit: Int) {
        let query = formQuery
        let cursor = query["cursor"].flatMap { $0.isEmpty ? nil : $0 }
        guard let raw = query["limit"] else { return (cursor, defaultLimit) }
        if Int(raw) == nil, !raw.isEmpty, raw.allSatisfy(\.isASCII), raw.allSatisfy(\.isNumber) { return (cursor, maxLimit) }
        guard let limit = Int(raw), limit > 0 else {
            throw ReelError.badRequest("The limit must be a positive integer.", code: "invalid_limit")
        }
        return (cursor, min(limit, maxLimit))
    }
}

extension ReelID {
    /// Parses an ID-valued page cursor (`nil` means the first page).
    /// - Throws: ``ReelError`` 400 `invalid_cursor`.
    static func cursor(_ raw: String?) throws -> ReelID? {
        guard let raw else { return nil }
        guard let id = ReelID(raw) else { throw ReelError.badRequest("The cursor is not valid.", code: "invalid_cursor") }
        return id
    }
}

extension Parameters {
    /// The path parameter `name` parsed as an ID.
    /// - Throws: ``ReelError`` 404 naming `what` when it is not a valid ID (so IDs cannot be probed).
    func id(_ name: String, _ what: String) throws -> ReelID {
        guard let raw = self.get(name), let id = ReelID(raw) else { throw ReelError.notFound(what) }
        return id
    }
}
