import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// An error the custodian answers with `{"error": {"code", "message"}}` and its status.
struct CustodianError: Error, HTTPResponseError, CustomStringConvertible {
    let status: HTTPResponse.Status
    let code: String
    let message: String

    var description: String { "\(code): \(message)" }

    static func badRequest(_ message: String) -> Self { .init(status: .badRequest, code: "bad_request", message: message) }
    static func unauthorized() -> Self {
        .init(status: .unauthorized, code: "unauthorized",
              message: "This custodian only serves its region's app server: send its credential as a bearer token.")
    }
    static func peerNotAllowed(_ userID: UInt32?) -> Self {
        .init(status: .unauthorized, code: "peer_not_allowed",
              message: "This custodian's socket only serves the user IDs it was started for" + (userID.map { "; user \($0) is not one of them." } ?? "."))
    }
    static func keyNotFound(_ id: String) -> Self {
        .init(status: .notFound, code: "key_not_found", message: "This custodian holds no data key \(id).")
    }
    static func keyDestroyed(_ id: String) -> Self {
        .init(status: .gone, code: "key_destroyed", message: "Data key \(id) was destroyed; what it encrypted can no longer be read.")
    }
    static func keyNotUnwrappable(_ id: String) -> Self {
        .init(status: .conflict, code: "key_not_unwrappable",
              message: "Data key \(id) does not open under this custodian's key-encryption key: it was not wrapped here, or it was altered.")
    }
    static func rotationInProgress() -> Self {
        .init(status: .conflict, code: "rotation_in_progress", message: "A key-encryption key rotation is already running; try again when it ends.")
    }
    static func unprocessable(_ code: String, _ message: String) -> Self { .init(status: .unprocessableContent, code: code, message: message) }
    static func `internal`(_ message: String) -> Self { .init(status: .internalServerError, code: "internal", message: message) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.json(status: status, code: code, message: message)
    }

    /// The JSON error response.
    static func json(status: HTTPResponse.Status, code: String, message: String) -> Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
            }
            var error: Detail
        }
        let data = (try? JSONEncoder().encode(Body(error: .init(code: code, message: message)))) ?? Data()
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Gives every error the custodian's JSON shape: its own errors keep theirs, framework errors keep
/// their status, anything else is a logged 500 that reveals nothing.
struct CustodianErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as CustodianError {
            if error.status == .internalServerError { context.logger.error("custodian request failed", metadata: ["error": "\(error)"]) }
            return error.response(status: error.status)
        } catch let error as HTTPError {
            let message = error.body ?? (error.status == .notFound ? "No such route." : "The request was not understood.")
            return CustodianError.json(status: error.status, code: error.status == .notFound ? "not_found" : "bad_request", message: message)
        } catch is DecodingError {
            return CustodianError.json(status: .badRequest, code: "bad_request", message: "The request body is not valid JSON of the expected shape.")
        } catch {
            context.logger.error("custodian request failed", metadata: ["error": "\(error)"])
            return CustodianError.json(status: .internalServerError, code: "internal", message: "The custodian failed; see its log.")
        }
    }
}

extension CustodianError {
    fileprivate func response(status: HTTPResponse.Status) -> Response { Self.json(status: status, code: code, message: message) }
}
