import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import ReelCore
import ReelMedia

/// Reads a `multipart/form-data` upload (RFC 7578) from a streamed request body: the text fields
/// first, then the part named `file`, which goes straight to an ``UploadWriter`` chunk by chunk.
///
/// Framing is parsed by MultipartKit's `MultipartParser`, a push parser that never buffers a part's
/// body. On top of it this type enforces what a server needs: text fields of at most
/// ``maxFieldBytes``, no preamble or header block over ``maxHeaderBytes``, file bytes coalesced
/// into ``writeChunkBytes`` writes (the parser hands out a slice at every CR byte), and a clear 400
/// when the body ends before the file part is complete. Fields after the file part are ignored.
/// Use one reader from one task: ``readFields()`` once, then ``streamFile(into:)`` once.
final class MultipartUpload {
    /// Largest text field, in bytes.
    static let maxFieldBytes = 256 * 1024
    /// Most body bytes the parser may take without producing a header or body byte (preamble and
    /// part headers are never that long from a browser; the limit keeps them out of memory).
    static let maxHeaderBytes = 64 * 1024
    /// Size of the writes to disk.
    static let writeChunkBytes = 64 * 1024

    private let parser: MultipartParser
    private var body: RequestBody.AsyncIterator
    private var fields: [String: String] = [:]
    private var partName: String?
    private var partBytes: [UInt8] = []
    private var sawPart = false
    private var fileStarted = false
    private var fileComplete = false
    private var pending: [UInt8] = []
    private var writer: UploadWriter?
    private var failure: (any Error)?
    private var progressed = false
    private var bytesWithoutProgress = 0

    /// Prepares to read `body` framed by the `boundary` of `contentType`.
    /// - Throws: ``ReelError`` 400 `invalid_multipart` when the boundary parameter is missing or not
    ///   a valid RFC 2046 §5.1.1 boundary (1–70 characters from its `bchars` set, not ending in a space).
    init(contentType: String, body: RequestBody) throws {
        guard let boundary = Self.boundary(in: contentType) else {
            throw ReelError.badRequest("The multipart Content-Type needs a boundary parameter of 1 to 70 allowed characters.",
                                       code: "invalid_multipart")
        }
        parser = MultipartParser(boundary: boundary)
        self.body = body.makeAsyncIterator()
        parser.onHeader = { [unowned self] name, value in self.header(name: name, value: value) }
        parser.onBody = { [unowned self] buffer in self.bodyBytes(&buffer) }
        parser.onPartComplete = { [unowned self] in self.partComplete() }
    }

    /// Reads parts until the `file` part begins and returns the text fields before it, by name
    /// (the first of a repeated name wins).
    /// - Throws: ``ReelError`` 400 `invalid_multipart` (malformed framing, an oversized field or
    ///   header, a body that ends early, a body without a single boundary delimiter line) or
    ///   400 `missing_file` (well-formed parts, none named `file`).
    func readFields() async throws -> [String: String] {
        while !fileStarted {
            guard try await feedNextChunk() else {
                guard sawPart else {
                    throw ReelError.badRequest("The multipart body has no part: no line starts with -- and the boundary from the Content-Type.",
                                               code: "invalid_multipart")
                }
                throw ReelError.badRequest("The form has no part named file; send the video as a part named file after the text fields.",
                                           code: "missing_file")
            }
        }
        return fields
    }

    /// Streams the `file` part into `writer`, then reads the rest of the body without keeping it.
    /// - Throws: ``ReelError`` 400 `invalid_multipart` when the body ends inside the file part;
    ///   whatever `writer` throws (for example the byte limit).
    func streamFile(into writer: UploadWriter) async throws {
        self.writer = writer
        try flush()
        while !fileComplete {
            guard try await feedNextChunk() else {
                throw ReelError.badRequest("The upload ended before the file part was complete.", code: "invalid_multipart")
            }
        }
        try flush()
        self.writer = nil
        while try await body.next() != nil {}
    }

    /// Feeds one body chunk to the parser; false at the end of the body.
    private func feedNextChunk() async throws -> Bool {
        guard let chunk = try await body.next() else { return false }
        progressed = false
        do {
            try parser.execute(chunk)
        } catch {
            throw ReelError.badRequest("The multipart body is malformed.", code: "invalid_multipart")
        }
        if let failure { throw failure }
        if progressed {
            bytesWithoutProgress = 0
        } else {
            bytesWithoutProgress += chunk.readableBytes
            guard bytesWithoutProgress <= Self.maxHeaderBytes else {
                throw ReelError.badRequest("The multipart body has a preamble or part header over \(Self.maxHeaderBytes) bytes.",
                                           code: "invalid_multipart")
            }
        }
        if writer != nil, pending.count >= Self.writeChunkBytes { try flush() }
        return true
    }

    private func header(name: String, value: String) {
        progressed = true
        sawPart = true
        guard name.lowercased() == "content-disposition", failure == nil else { return }
        partName = Self.dispositionName(value)
        if partName == "file" && !fileStarted && !fileComplete { fileStarted = true }
    }

    private func bodyBytes(_ buffer: inout ByteBuffer) {
        progressed = true
        guard failure == nil, !fileComplete else { return }
        if fileStarted {
            pending.append(contentsOf: buffer.readableBytesView)
        } else if partName != nil {
            guard partBytes.count + buffer.readableBytes <= Self.maxFieldBytes else {
                failure = ReelError.badRequest("The form field \(partName ?? "") is larger than \(Self.maxFieldBytes) bytes.",
                                               code: "invalid_multipart")
                return
            }
            partBytes.append(contentsOf: buffer.readableBytesView)
        }
    }

    private func partComplete() {
        progressed = true
        if fileStarted {
            fileComplete = true
        } else if let partName, fields[partName] == nil {
            fields[partName] = String(decoding: partBytes, as: UTF8.self)
        }
        partName = nil
        partBytes.removeAll(keepingCapacity: true)
    }

    private func flush() throws {
        guard let writer, !pending.isEmpty else { return }
        try writer.write(pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// The `boundary` parameter of a `multipart/form-data` Content-Type, if valid (RFC 2046 §5.1.1).
    static func boundary(in contentType: String) -> String? {
        guard let raw = parameters(of: contentType)["boundary"], (1...70).contains(raw.count), !raw.hasSuffix(" ") else { return nil }
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")
        return raw.allSatisfy(allowed.contains) ? raw : nil
    }

    /// The `name` parameter of a `Content-Disposition: form-data` header (RFC 7578 §4.2).
    static func dispositionName(_ value: String) -> String? {
        guard value.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "form-data" else { return nil }
        return parameters(of: value)["name"]
    }

    /// The `;`-separated `key=value` parameters of a header value (keys lower-cased), with quoted
    /// strings unquoted (RFC 9110 §5.6.4: a backslash escapes the next character).
    static func parameters(of value: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(value)
        guard let firstSemicolon = rest.firstIndex(of: ";") else { return result }
        rest = rest[rest.index(after: firstSemicolon)...]
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...].drop(while: { $0 == " " || $0 == "\t" })
            var parsed = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        parsed.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        parsed.append(character)
                    }
                }
                rest = rest.drop(while: { $0 != ";" })
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                parsed = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            if result[key] == nil { result[key] = parsed }
            rest = rest.drop(while: { $0 == ";" })
        }
        return result
    }
}

// The reader owns a parser, a body iterator and buffers; sharing it between tasks would race.
@available(*, unavailable)
extension MultipartUpload: Sendable {}
