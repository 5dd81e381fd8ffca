import Foundation
import Hummingbird
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelStore
import Testing

/// A Reel instance for paging tests: accounts and ready videos are written straight through the
/// services (no ffmpeg), and HTTP is served without background services, so no transcode worker
/// touches those videos. A test can then page through dozens of items while writing between pages.
struct ListingFixture {
    let reel: TestApp
    var app: ReelApp { reel.app }

    init(_ engine: TestEngine = .sqlite, _ adjust: (inout ReelConfiguration) -> Void = { _ in }) async throws {
        reel = try await TestApp.make(engine, adjust)
    }

    init(reopening other: ListingFixture) async throws {
        reel = try await other.reel.reopened()
    }

    /// Signs up an adult user in the region of `country`.
    func user(_ handle: String, country: String = "US") async throws -> TestUser {
        let (account, token) = try await app.accounts.signUp(.init(handle: handle, email: "\(handle)@example.com", password: "correct horse battery",
                                                                   country: country, birthDate: "1990-05-01", displayName: nil))
        return TestUser(id: account.id, handle: handle, token: token)
    }

    /// A ready video, published the way the transcoder publishes one.
    @discardableResult
    func video(by creator: TestUser, caption: String = "", visibility: Visibility = .public) async throws -> ReelID {
        let id = app.ids.newID(in: try app.ids.region(of: creator.id))
        let store = try app.stores.router.store(for: creator.id)
        try await store.insertVideoWithJob(Video(id: id, creatorID: creator.id, caption: caption, visibility: visibility, createdAt: Date()),
                                           at: Date())
        let ready = try #require(try await store.markVideoReady(id: id, durationMs: 1000, width: 320, height: 568))
        try await app.videos.publisher.publishIfListed(ready)
        try await store.finishJob(videoID: id)
        return id
    }

    /// Runs `body` against the router without background services.
    func http<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Application(router: buildRouter(app)).test(.router) { client in try await body(client) }
    }

    /// Follows a listing from its first page (or the page at `start`) to its end, calling `between` with the page number
    /// after every page but the last, and returns the IDs in the order served.
    static func pageThrough<Item: Codable & Sendable>(_ client: any TestClientProtocol, _ path: String, as user: TestUser? = nil,
                                             item: Item.Type, id: (Item) -> ReelID, from start: String? = nil, maxPages: Int = 100,
                                             between: (Int) async throws -> Void = { _ in }) async throws -> [ReelID] {
        var served: [ReelID] = []
        var cursor = start
        for page in 1 ... maxPages {
            let separator = path.contains("?") ? "&" : "?"
            let uri = path + (cursor.map { "\(separator)cursor=\($0)" } ?? "")
            let response = try await client.send(.get, uri, headers: user?.headers ?? [:])
            #expect(response.status == .ok, "GET \(uri): \(response.text)")
            let body = try response.decode(Page<Item>.self)
            served += body.items.map(id)
            guard let next = body.nextCursor else { return served }
            cursor = next
            try await between(page)
        }
        Issue.record("\(path) did not end within \(maxPages) pages")
        return served
    }
}
