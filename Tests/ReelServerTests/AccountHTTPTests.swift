import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

@Suite("Accounts over HTTP", .dropsEngineScratch)
struct AccountHTTPTests {
    @Test("sign-up creates an account in the country's region and returns a working token", arguments: TestEngine.all)
    func signUpAndMe(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("ana_eu", country: "de")
            let me = try await client.send(.get, "/v1/me", headers: user.headers)
            #expect(me.status == .ok)
            let account = try me.decode(AccountView.self)
            #expect(account.handle == "ana_eu")
            #expect(account.region == "eu")
            #expect(account.country == "DE")
            #expect(account.isPrivate == false)
            #expect(user.id.regionIndex == RegionMap.standard.definition(for: "eu")!.index)
        }
    }

    @Test("teens get private accounts; under-13s are refused")
    func ageRules() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let teen = try await client.signUp("teen_user", birthDate: "\(year - 15)-01-01")
            let me = try await client.send(.get, "/v1/me", headers: teen.headers).decode(AccountView.self)
            #expect(me.isPrivate)
            let clip = try await TestMedia.clip()
            defer { try? FileManager.default.removeItem(at: clip) }
            let publicUpload = try await client.upload(clip, as: teen, visibility: "public")
            #expect(publicUpload.status == .forbidden)
            #expect(publicUpload.errorCode == "private_account")
            let defaultUpload = try await client.upload(clip, as: teen)
            #expect(try defaultUpload.decode(VideoView.self).visibility == .followers)
            let child = try await client.send(.post, "/v1/accounts", json: """
                {"handle":"kid","email":"kid@example.com","password":"correct horse","country":"US","birthDate":"\(year - 10)-01-01"}
                """)
            #expect(child.status == .unprocessableContent)
            #expect(child.errorCode == "under_minimum_age")
            #expect(try await client.send(.get, "/v1/users/kid").status == .notFound)
        }
    }

    @Test("duplicate handle or email is 409; bad fields are 422; malformed JSON is 400", arguments: TestEngine.all)
    func signUpErrors(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            _ = try await client.signUp("taken")
            let sameHandle = try await client.send(.post, "/v1/accounts", json: """
                {"handle":"TAKEN","email":"other@example.com","password":"correct horse","country":"FR","birthDate":"1990-01-01"}
                """)
            #expect(sameHandle.status == .conflict)
            #expect(sameHandle.errorCode == "handle_taken")
            // Emails are unique per region (the blind index is the region's): the first "taken" lives in us too.
            let sameEmail = try await client.send(.post, "/v1/accounts", json: """
                {"handle":"another","email":"Taken@example.com","password":"correct horse","country":"US","birthDate":"1990-01-01"}
                """)
            #expect(sameEmail.status == .conflict)
            #expect(sameEmail.errorCode == "email_taken")
            let malformed = try await client.send(.post, "/v1/accounts", json: "{\"handle\": ")
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "invalid_json")
            let wrongType = try await client.send(.post, "/v1/accounts", json: """
                {"handle":42,"email":"x@example.com","password":"correct horse","country":"US","birthDate":"1990-01-01"}
                """)
            #expect(wrongType.status == .unprocessableContent)
            #expect(wrongType.text.contains("handle"))
            let missing = try await client.send(.post, "/v1/accounts", json: #"{"handle":"nobody"}"#)
            #expect(missing.status == .unprocessableContent)
            for (field, value, code) in [("handle", "a!", "invalid_handle"), ("email", "no-at-sign", "invalid_email"),
                                         ("password", "short", "weak_password"), ("country", "USA", "invalid_country"),
                                         ("birthDate", "1990-13-01", "invalid_birth_date")] {
                var body = ["handle": "valid_one", "email": "valid@example.com", "password": "correct horse", "country": "US", "birthDate": "1990-01-01"]
                body[field] = value
                let json = String(data: try JSONSerialization.data(withJSONObject: body), encoding: .utf8)!
                let response = try await client.send(.post, "/v1/accounts", json: json)
                #expect(response.status == .unprocessableContent, "\(field)=\(value)")
                #expect(response.errorCode == code, "\(field)=\(value)")
            }
        }
    }

    @Test("log in by handle or email; wrong password is 401; logout revokes the token", arguments: TestEngine.all)
    func sessions(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("logger", country: "BR")
            let byHandle = try await client.send(.post, "/v1/sessions", json: #"{"handle":"Logger","password":"correct horse battery"}"#)
            #expect(byHandle.status == .ok)
            let byEmail = try await client.send(.post, "/v1/sessions", json: #"{"email":"logger@example.com","password":"correct horse battery"}"#)
            #expect(byEmail.status == .ok)
            let wrong = try await client.send(.post, "/v1/sessions", json: #"{"handle":"logger","password":"wrong password"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.errorCode == "invalid_credentials")
            let unknown = try await client.send(.post, "/v1/sessions", json: #"{"handle":"ghost","password":"whatever1"}"#)
            #expect(unknown.status == .unauthorized)
            #expect(try await client.send(.delete, "/v1/sessions/current", headers: user.headers).status == .noContent)
            let after = try await client.send(.get, "/v1/me", headers: user.headers)
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "session_revoked")
            let other = try byHandle.decode(SessionBody.self)
            #expect(try await client.send(.get, "/v1/me", headers: [.authorization: "Bearer \(other.token)"]).status == .ok)
        }
    }

    @Test("missing, forged and expired tokens are 401 with distinct codes")
    func badTokens() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let (account, _) = try await reel.app.accounts.signUp(.init(handle: "expiring", email: "e@example.com", password: "correct horse",
                                                                    country: "US", birthDate: "1990-01-01", displayName: nil))
        let (_, oldToken) = try await reel.app.accounts.logIn(identifier: account.handle, password: "correct horse",
                                                              now: Date().addingTimeInterval(-reel.configuration.tokenLifetime - 60))
        try await reel.test { client in
            let none = try await client.send(.get, "/v1/me")
            #expect(none.status == .unauthorized)
            #expect(none.errorCode == "unauthorized")
            let forged = try await client.send(.get, "/v1/me", headers: [.authorization: "Bearer rl1.AAAA.BBBB"])
            #expect(forged.errorCode == "invalid_token")
            let expired = try await client.send(.get, "/v1/me", headers: [.authorization: "Bearer \(oldToken)"])
            #expect(expired.status == .unauthorized)
            #expect(expired.errorCode == "token_expired")
        }
    }

    @Test("settings update the account and the public profile", arguments: TestEngine.all)
    func settings(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("settler")
            let updated = try await client.send(.patch, "/v1/me", headers: user.headers,
                                                json: #"{"displayName":"Settler Prime","bio":"hello","isPersonalisedFeed":false}"#)
            #expect(updated.status == .ok)
            #expect(try updated.decode(AccountView.self).isPersonalisedFeed == false)
            let profile = try await client.send(.get, "/v1/users/settler")
            #expect(profile.text.contains("Settler Prime"))
            #expect(!profile.text.contains("settler@example.com"))
            let tooLong = try await client.send(.patch, "/v1/me", headers: user.headers, json: "{\"bio\":\"\(String(repeating: "x", count: 301))\"}")
            #expect(tooLong.status == .unprocessableContent)
        }
    }
}
