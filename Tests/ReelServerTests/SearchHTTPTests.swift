import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ReelCore
@testable import ReelServer
import ReelStore
import Testing

@Suite("Search over HTTP", .dropsEngineScratch)
struct SearchHTTPTests {
    struct AccountItem: Codable, Equatable {
        var id: ReelID
        var handle: String
        var displayName: String
        var avatarURL: String?
        var followerCount: Int
    }

    struct HashtagItem: Codable, Equatable {
        var key: String
        var display: String
        var videoCount: Int
    }

    @Test("videos, accounts and hashtags are found whatever the case, diacritics and form encoding of the query", arguments: TestEngine.all)
    func searchTypes(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let traveller = try await client.signUp("zoe_roams")
            _ = try await client.send(.patch, "/v1/me", headers: traveller.headers, json: #"{"displayName":"Zoë Ångström"}"#)
            let moscow = try await client.publishClip(as: traveller, caption: "My first clip in МОСКВА #Travel")
            let cafe = try await client.publishClip(as: traveller, caption: "CAFÉ au lait #Café")

            func videos(_ query: String) async throws -> [ReelID] {
                let response = try await client.send(.get, "/v1/search?q=\(query)")
                #expect(response.status == .ok, "q=\(query): \(response.text)")
                return try response.decode(Page<VideoView>.self).items.map(\.id)
            }
            for query in ["%D0%BC%D0%BE%D1%81%D0%BA%D0%B2%D0%B0", "%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0", "first+clip", "first%20clip", "%23travel", "trav"] {
                #expect(try await videos(query) == [moscow.id], "q=\(query)")
            }
            for query in ["caf%C3%A9", "CAF%C3%89", "cafe", "Cafe%CC%81"] {
                #expect(try await videos(query) == [cafe.id], "q=\(query)")
            }
            #expect(Set(try await videos("zoe")) == [moscow.id, cafe.id], "found by the creator's display name")
            #expect(try await videos("first+cafe").isEmpty, "every term must match")

            let accounts = try await client.send(.get, "/v1/search?q=angstrom&type=accounts").decode(Page<AccountItem>.self)
            #expect(accounts.items == [AccountItem(id: traveller.id, handle: "zoe_roams", displayName: "Zoë Ångström", avatarURL: nil, followerCount: 0)])
            #expect(accounts.nextCursor == nil)

            let tags = try await client.send(.get, "/v1/search?q=%23CAF&type=hashtags").decode(Page<HashtagItem>.self)
            #expect(tags.items == [HashtagItem(key: "café", display: "Café", videoCount: 1)])
        }
    }

    @Test("bad search requests are clear 400s; a query of only symbols finds nothing", arguments: [
        ("q=", 400, "invalid_query"), ("", 400, "invalid_query"), ("q=+++", 400, "invalid_query"),
        ("q=\(String(repeating: "a", count: 101))", 400, "invalid_query"),
        ("q=cat&type=people", 400, "invalid_search_type"), ("q=cat&cursor=nonsense", 400, "invalid_cursor"),
        ("q=cat&limit=0", 400, "invalid_limit"),
        ("q=%22", 200, nil), ("q=*", 200, nil), ("q=NEAR(a+b)", 200, nil), ("q=-x", 200, nil), ("q=%F0%9F%8E%89", 200, nil),
    ] as [(String, Int, String?)])
    func badRequests(_ query: String, _ status: Int, _ code: String?) async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let response = try await client.send(.get, "/v1/search?\(query)")
            #expect(response.status.code == status, "\(query): \(response.text)")
            if let code {
                #expect(response.errorCode == code)
            } else {
                #expect(try response.decode(Page<VideoView>.self).items.isEmpty)
            }
        }
    }

    @Test("paging through search results never repeats or skips, even when videos are uploaded meanwhile", arguments: TestEngine.all)
    func paging(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("pager")
            var published: [ReelID] = []
            for index in 0..<3 { published.append(try await client.publishClip(as: user, caption: "Garden \(index)").id) }
            // The public index is written just after a video turns ready (another database): wait for all three.
            let deadline = ContinuousClock.now + TestDeadline.transcode
            while try await client.send(.get, "/v1/search?q=garden&limit=10").decode(Page<VideoView>.self).items.count < 3,
                  ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            var seen: [ReelID] = []
            var cursor: String?
            repeat {
                let uri = "/v1/search?q=garden&limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.send(.get, uri).decode(Page<VideoView>.self)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
                if seen.count == 1 { _ = try await client.publishClip(as: user, caption: "garden garden #garden") }
            } while cursor != nil
            #expect(seen.count == Set(seen).count)
            #expect(Set(seen) == Set(published))
        }
    }
}
