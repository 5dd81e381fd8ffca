import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

/// The HTTP contract at the edges: wrong methods, security headers, times as RFC 3339 allows them,
/// avatar URLs and weak passwords.
@Suite("HTTP contract")
struct ContractHTTPTests {
    @Test("a wrong method on a known path is 405 with Allow and a JSON error; an unknown path stays 404")
    func methodNotAllowed() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("methods")
            let put = try await client.send(.put, "/v1/me", headers: user.headers, json: "{}")
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "DELETE, GET, HEAD, PATCH")
            #expect(put.errorCode == "method_not_allowed")
            let post = try await client.send(.post, "/v1/videos/0000000000000")
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow]?.contains("GET") == true)
            let health = try await client.send(.delete, "/healthz")
            #expect(health.status == .methodNotAllowed)
            #expect(health.headers[.allow] == "GET, HEAD")
            let head = try await client.send(.head, "/healthz")
            #expect(head.status == .ok)
            #expect(head.text.isEmpty)
            // A literal segment wins over a capture, as in the router: /v1/sessions/current is DELETE only.
            let current = try await client.send(.get, "/v1/sessions/current", headers: user.headers)
            #expect(current.status == .methodNotAllowed)
            #expect(current.headers[.allow] == "DELETE")
            let unknown = try await client.send(.get, "/v1/no-such-thing")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
            #expect(try await client.send(.get, "/v1/me", headers: user.headers).status == .ok)
        }
    }

    @Test("every response carries the security headers: API answers, errors and the web client")
    func securityHeaders() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        #expect(reel.configuration.webDirectory != nil, "the test needs the repository's Web/ folder")
        try await reel.test { client in
            for (method, path) in [(HTTPRequest.Method.get, "/healthz"), (.get, "/v1/nothing"), (.get, "/v1/me"),
                                   (.get, "/"), (.get, "/js/app.js"), (.put, "/healthz")] {
                let response = try await client.send(method, path)
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("frame-ancestors 'none'"), "\(method) \(path)")
                #expect(policy.contains("script-src 'self'"), "\(method) \(path)")
                #expect(policy.contains("object-src 'none'"), "\(method) \(path)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(method) \(path)")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(method) \(path)")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(method) \(path)")
            }
        }
    }

    @Test("RFC 3339 times with a lower-case t and z are accepted (RFC 3339 §5.6)", arguments: [
        "2026-01-31t09:30:00z", "2026-01-31T09:30:00z", "2026-01-31t09:30:00.250Z", "2026-01-31T09:30:00+01:00",
    ])
    func lowerCaseTimes(text: String) throws {
        struct Stamped: Decodable { var at: Date }
        let decoded = try JSONCoding.decoder().decode(Stamped.self, from: Data(#"{"at":"\#(text)"}"#.utf8))
        let expected = try Date("2026-01-31T09:30:00Z", strategy: .iso8601)
        #expect(abs(decoded.at.timeIntervalSince(expected)) < 3601)
    }

    @Test("watch events with a lower-case RFC 3339 time are read, not refused")
    func lowerCaseEventTime() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("timekeeper")
            let now = Date().formatted(.iso8601).lowercased()
            let response = try await client.send(.post, "/v1/events", headers: user.headers, json: """
                {"events":[{"id":"evt-1","videoID":"0000000000000","watchedMs":1000,"durationMs":2000,"completed":false,"at":"\(now)"}]}
                """)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.decode(SocialService.WatchResult.self).rejected.count == 1)
        }
    }

    @Test("avatarURL takes https URLs and same-origin paths only", arguments: [
        ("https://images.example.com/me.png", true), ("/v1/videos/0000000000000/poster", true),
        ("//evil.example/me.png", false), ("/\\evil.example/me.png", false), ("\\\\evil.example/me.png", false),
        ("https:\\\\evil.example/me.png", false), ("http://example.com/me.png", false), ("javascript:alert(1)", false),
        ("https:///me.png", false), ("/ /evil", false), ("/\t/evil.example", false), ("data:image/png;base64,AAAA", false),
        ("https://user:pass@evil.com/x.png", false), ("https://evil.com/x.png\"><script>", false), ("/%0d%0aSet-Cookie", false),
    ])
    func avatarURL(url: String, isAccepted: Bool) async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("avatar")
            let body = String(data: try JSONEncoder().encode(["avatarURL": url]), encoding: .utf8)!
            let response = try await client.send(.patch, "/v1/me", headers: user.headers, json: body)
            #expect(response.status == (isAccepted ? .ok : .unprocessableContent), "\(url): \(response.text)")
        }
    }

    @Test("avatarURL null or empty removes the avatar; an absent avatarURL keeps it")
    func clearAvatar() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("faces")
            for clearing in [#"{"avatarURL": null}"#, #"{"avatarURL": ""}"#] {
                let set = try await client.send(.patch, "/v1/me", headers: user.headers, json: #"{"avatarURL": "/media/me.png"}"#)
                #expect(set.status == .ok)
                let kept = try await client.send(.patch, "/v1/me", headers: user.headers, json: #"{"bio": "hi"}"#)
                #expect(kept.text.contains("/media/me.png"), "\(kept.text)")
                let cleared = try await client.send(.patch, "/v1/me", headers: user.headers, json: clearing)
                #expect(cleared.status == .ok, "\(clearing): \(cleared.text)")
                let me = try await client.send(.get, "/v1/me", headers: user.headers)
                #expect(!me.text.contains("avatarURL"), "\(clearing): \(me.text)")
                let profile = try await client.send(.get, "/v1/users/faces")
                #expect(!profile.text.contains("/media/me.png"), "\(clearing): \(profile.text)")
            }
        }
    }

    @Test("common passwords and passwords containing the handle or email name are refused with a sentence", arguments: [
        ("password123", "common"), ("Password1", "common"), ("QWERTYUIOP", "common"), ("reel1234", "common"),
        ("my-guardian-secret", "handle"), ("GUARDIAN2026!", "handle"), ("xx-keeper.of.keys-xx", "email address"),
    ])
    func weakPasswords(password: String, reason: String) async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let response = try await client.send(.post, "/v1/accounts", json: """
                {"handle":"guardian","email":"keeper.of.keys@example.com","password":"\(password)","country":"US","birthDate":"1990-01-01"}
                """)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorCode == "weak_password")
            let message = try JSONDecoder().decode(ErrorEnvelope.self, from: Data(response.text.utf8)).error.message
            #expect(message.first?.isUppercase == true && message.hasSuffix("."), "\(message)")
            #expect(message.contains(reason == "common" ? "common" : reason), "\(message)")
        }
    }
}
