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

    @Test("a wrong type on any route names the field and what it must be, never a Swift type; a fractional durationDays is not 'invalid JSON'")
    func wrongTypesNameTheField() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("types", country: "US")
            let target = try await client.signUp("typed", country: "US")
            let report = try await client.reported("account", target.id, category: "spam", by: user)
            let moderator = try await reel.staffHeaders(client, region: "us", role: "moderator", handle: "mod_types")
            let caseActions = "/v1/moderation/cases/\(report.caseID)/actions"
            let cases: [(HTTPRequest.Method, String, HTTPFields, String, String)] = [
                (.post, caseActions, moderator, #"{"action":"suspend","ruleID":"us-spam-1","facts":"Spam.","durationDays":1.5}"#,
                 "The field `durationDays` must be a whole number."),
                (.post, caseActions, moderator, #"{"action":"suspend","ruleID":"us-spam-1","facts":"Spam.","durationDays":1e30}"#,
                 "The field `durationDays` is too large."),
                (.post, caseActions, moderator, #"{"action":"suspend","ruleID":"us-spam-1","facts":"Spam.","durationDays":"7"}"#,
                 "The field `durationDays` must be a whole number."),
                (.post, caseActions, moderator, #"{"action":"suspend","ruleID":"us-spam-1","territorialScope":"worldwide"}"#,
                 "The field `territorialScope` must be a list (a JSON array)."),
                (.post, caseActions, moderator, #"{"action":"suspend","ruleID":"us-spam-1","territorialScope":[1]}"#,
                 "The field `territorialScope[0]` must be a string."),
                (.post, caseActions, moderator, #"{"ruleID":"us-spam-1"}"#, "The field `action` is required."),
                (.post, caseActions, moderator, #"{"action":"suspend","ruleID":"us-spam-1","facts":"Spam.","durationDays":-1e30}"#,
                 "The field `durationDays` is too far below zero."),
                (.post, caseActions, moderator, #"[1, 2]"#, "The request body must be an object."),
                (.post, caseActions, moderator, "null", "The request body must be a JSON object, not null."),
                (.post, "/v1/moderation/appeals/\(report.id)/decision", moderator, #"{"decision":"maybe","explanation":"No."}"#,
                 "The field `decision` must be uphold or reject."),
                (.post, "/v1/moderation/appeals/\(report.id)/decision", moderator, #"{"decision":null,"explanation":"No."}"#,
                 "The field `decision` must be a string, not null."),
                (.post, "/v1/reports", user.headers, #"{"targetType":"account","targetID":"\#(target.id)","category":"spam","goodFaith":"yes"}"#,
                 "The field `goodFaith` must be true or false."),
                (.patch, "/v1/me", user.headers, #"{"displayName": 5}"#, "The field `displayName` must be a string."),
                (.put, "/v1/me/comment-filters", user.headers, #"{"keywords":"spoiler"}"#, "The field `keywords` must be a list (a JSON array)."),
                (.post, "/v1/appeals", user.headers, #"{"statementID":"nope","explanation":"Please."}"#,
                 "The field `statementID` must be an ID as the API gives it (13 characters)."),
                (.post, "/v1/events", user.headers,
                 #"{"events":[{"id":"e1","videoID":"0000000000000","watchedMs":1000,"durationMs":2000,"completed":false,"at":"yesterday"}]}"#,
                 "The field `events[0].at` must be an RFC 3339 time such as 2026-01-31T12:00:00Z."),
                (.post, "/v1/events", user.headers,
                 #"{"events":[{"id":"e1","videoID":"0000000000000","watchedMs":1000.5,"durationMs":2000.25,"completed":false}]}"#,
                 "The field `events[0].durationMs` must be a whole number."),
            ]
            let swiftTypeNames = /\b(Int|Int64|String|Bool|Double|Array|Dictionary|Optional|Decision|Kind|ReelID|Swift)\b|<|>/
            for (method, path, headers, body, message) in cases {
                let response = try await client.send(method, path, headers: headers, json: body)
                #expect(response.status == .unprocessableContent, "\(path) \(body): \(response.text)")
                let detail = try sentence(response)
                #expect(detail.code == "validation_failed", "\(body): \(detail.code)")
                #expect(detail.message == message, "\(body)")
                #expect(detail.message.firstMatch(of: swiftTypeNames) == nil, "a Swift type name in: \(detail.message)")
            }
            let syntax = try await client.send(.post, caseActions, headers: moderator, json: #"{"action": }"#)
            #expect(syntax.status == .badRequest && syntax.errorCode == "invalid_json")
        }
    }

    @Test("a null body on the comments route is not called a field; error keys are sorted; a huge limit is clamped")
    func nullBodySortedKeysHugeLimit() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("nullbody")
            let video = try await client.publishClip(as: user, caption: "#null")
            let null = try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: user.headers, json: "null")
            #expect(null.status == .unprocessableContent)
            #expect(try sentence(null).message == "The request body must be a JSON object, not null.")
            #expect(null.text.hasPrefix(#"{"error":{"code":"validation_failed","message":"#), "\(null.text)")
            let missing = try await client.send(.get, "/v1/users/nobody")
            #expect(missing.text.hasPrefix(#"{"error":{"code":"not_found","message":"#), "\(missing.text)")
            let huge = try await client.send(.get, "/v1/feed?kind=popular&limit=99999999999999999999")
            #expect(huge.status == .ok, "\(huge.text)")
            let negative = try await client.send(.get, "/v1/feed?kind=popular&limit=-99999999999999999999")
            #expect(negative.status == .badRequest && negative.errorCode == "invalid_limit")
        }
    }

    @Test("display names, bios and comments holding bidi override or isolate controls are refused, naming the field",
          arguments: ["\u{202E}evil", "a\u{202A}b", "x\u{2066}y\u{2069}"])
    func bidiControlsRefused(_ text: String) async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("bidi")
            let video = try await client.publishClip(as: user, caption: "#bidi")
            let json = { (field: String) in String(decoding: try JSONEncoder().encode([field: text]), as: UTF8.self) }
            for (method, path, field) in [(HTTPRequest.Method.patch, "/v1/me", "displayName"), (.patch, "/v1/me", "bio"),
                                          (.post, "/v1/videos/\(video.id)/comments", "body")] {
                let response = try await client.send(method, path, headers: user.headers, json: try json(field))
                #expect(response.status == .unprocessableContent, "\(field): \(response.text)")
                let detail = try sentence(response)
                #expect(detail.code == "validation_failed")
                #expect(detail.message.hasPrefix("The field `\(field)` must not contain bidirectional"), "\(detail.message)")
            }
            let plain = try await client.send(.patch, "/v1/me", headers: user.headers, json: #"{"displayName":"Plain \u05e9\u05dc\u05d5\u05dd"}"#)
            #expect(plain.status == .ok, "\(plain.text)")
        }
    }
}
