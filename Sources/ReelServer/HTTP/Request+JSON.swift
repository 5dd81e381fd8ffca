import Foundation
import Hummingbird
import Logging
import ReelCore
import ReelStore

extension Request {
    /// Reads the body (at most `context.maxUploadSize` bytes) and decodes it as JSON.
    ///
    /// - Throws: ``ReelError``: 413 `body_too_large`, 400 `invalid_json` for syntax errors, 400 `body_incomplete`,
    ///   422 `validation_failed` naming the field for a missing field or a wrong type.
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
        do {
            return try JSONCoding.sharedDecoder.decode(Value.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw ReelError(decoding: error)
        }
    }

    /// The `cursor` and `limit` query parameters, with `limit` clamped to `1...maxLimit`.
    /// - Throws: ``ReelError`` 400 `invalid_limit` when `limit` is not a positive integer.
    func pagination(defaultLimit: Int = 20, maxLimit: Int = 100) throws -> (cursor: String?, limit: Int) {
        let query = formQuery
        let cursor = query["cursor"].flatMap { $0.isEmpty ? nil : $0 }
        guard let raw = query["limit"] else { return (cursor, defaultLimit) }
        guard let limit = Int(raw), limit > 0 else {
            throw ReelError.badRequest("The limit must be a positive integer.", code: "invalid_limit")
        }
        return (cursor, min(limit, maxLimit))
    }
}

extension ReelError {
    /// Turns a decoding failure into a client error that names the field.
    init(decoding error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "body" : path
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            self = .badRequest("Request body is not valid JSON.", code: "invalid_json")
        case .dataCorrupted(let context):
            self = .invalid("The value of \(path(context)) is not valid.")
        case .keyNotFound(let key, let context):
            let prefix = context.codingPath.isEmpty ? "" : path(context) + "."
            self = .invalid("The field \(prefix)\(key.stringValue) is required.")
        case .typeMismatch(let type, let context):
            self = .invalid("The field \(path(context)) must be \(Self.jsonTypeName(type)).")
        case .valueNotFound(let type, let context):
            self = .invalid("The field \(path(context)) must be \(Self.jsonTypeName(type)), not null.")
        @unknown default:
            self = .badRequest("Request body could not be decoded.", code: "invalid_json")
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        default: "\(type)"
        }
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
