import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

/// Every error a client can see says what went wrong in a sentence: a capital letter, a full stop,
/// no Swift internals.
@Suite("HTTP error sentences")
struct ErrorSentencesHTTPTests {
    /// The decoded error of `response`, after checking its message is a sentence.
    func sentence(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> ErrorEnvelope.Detail {
        let detail = try JSONDecoder().decode(ErrorEnvelope.self, from: Data(response.text.utf8)).error
        #expect(detail.message.first?.isUppercase == true, "\(detail.message)", sourceLocation: sourceLocation)
        #expect(detail.message.hasSuffix("."), "\(detail.message)", sourceLocation: sourceLocation)
        return detail
    }

    @Test("not found, sign-in, token, limit, login and missing-field errors are sentences; codes are unchanged")
    func errorsAreSentences() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("sentences")
            let nobody = try await client.send(.get, "/v1/users/nobody")
            #expect(nobody.status == .notFound)
            #expect(try sentence(nobody).message == "No account has the handle @nobody.")
            #expect(try sentence(nobody).code == "not_found")
            let video = try await client.send(.get, "/v1/videos/0000000000000")
            #expect(try sentence(video).code == "not_found")
            let route = try await client.send(.get, "/v1/no-such-route")
            #expect(route.status == .notFound)
            #expect(try sentence(route).code == "not_found")
            let anonymous = try await client.send(.get, "/v1/me")
            #expect(try sentence(anonymous).code == "unauthorized")
            let forged = try await client.send(.get, "/v1/me", headers: [.authorization: "Bearer rl1.AAAA.BBBB"])
            #expect(try sentence(forged).code == "invalid_token")
            let limit = try await client.send(.get, "/v1/search?q=a&limit=abc")
            #expect(try sentence(limit).code == "invalid_limit")
            let login = try await client.send(.post, "/v1/sessions", json: #"{"handle":"sentences","password":"wrong password"}"#)
            #expect(try sentence(login).code == "invalid_credentials")
            let deletion = try await client.send(.delete, "/v1/me", headers: user.headers, json: "{}")
            #expect(deletion.status == .unprocessableContent)
            #expect(try sentence(deletion).code == "validation_failed")
            let wrongType = try await client.send(.patch, "/v1/me", headers: user.headers, json: #"{"displayName": 5}"#)
            #expect(try sentence(wrongType).code == "validation_failed")
        }
    }

    @Test("PATCH with an unknown visibility is 400 invalid_visibility with a sentence, as on upload")
    func patchVisibility() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("visible")
            let video = try await client.publishClip(as: user, caption: "#first")
            let response = try await client.send(.patch, "/v1/videos/\(video.id)", headers: user.headers, json: #"{"visibility":"secret"}"#)
            #expect(response.status == .badRequest)
            let detail = try sentence(response)
            #expect(detail.code == "invalid_visibility")
            #expect(!detail.message.contains("initialize"), "\(detail.message)")
        }
    }
}
