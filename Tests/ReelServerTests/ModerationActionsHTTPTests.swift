import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelSafety
import ReelStore
import Testing

/// Issue 13, item 3: every moderation action's effect on every path that shows a video, for every
/// kind of viewer, and its reversal, driven through ``ModerationActions`` as the case endpoint
/// drives it.
@Suite("Moderation actions over HTTP", .dropsEngineScratch)
struct ModerationActionsHTTPTests {
    typealias Path = VisibilityHTTPTests.Path

    /// The viewers of the table.
    enum Viewer: String, CaseIterable, CustomStringConvertible {
        case signedOut, stranger, follower, minor, creator
        var description: String { rawValue }
    }

    /// One action on the video and what each viewer finds afterwards, as a function of what they
    /// found before it (`before`).
    struct Row: Sendable, CustomStringConvertible {
        var action: ModerationActionKind
        var expected: @Sendable (Viewer, Set<Path>) -> Set<Path>
        var description: String { action.rawValue }
    }

    static let publicListings: Set<Path> = [.popular, .hashtag, .search, .forYou]

    /// Every video action (and dismissal), with its expected effect.
    static let table: [Row] = [
        Row(action: .remove) { _, _ in [] },
        Row(action: .restrictAdults) { viewer, before in
            switch viewer {
            case .signedOut, .minor: []
            case .stranger, .follower, .creator: before.subtracting(publicListings)
            }
        },
        Row(action: .labelUnverified) { _, before in before.subtracting([.forYou, .popular]) },
        Row(action: .demote) { _, before in before.subtracting([.forYou]) },
        Row(action: .dismiss) { _, before in before },
    ]

    @Test("each video action hides the video exactly where it should, for every viewer, and its reversal restores every path",
          arguments: TestEngine.all)
    func videoActionsOnEveryPath(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine) { $0.popularRefreshInterval = 0 }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let follower = try await client.signUp("fan", country: "US")
            let stranger = try await client.signUp("passerby", country: "BR")
            let minor = try await client.signUp("young_fan", country: "US", birthDate: Self.birthDate(yearsAgo: 16))
            #expect(try await client.send(.put, "/v1/users/maker/follow", headers: follower.headers).status == .ok)
            let video = try await client.publishClip(as: creator, caption: "Sunset over the #harbour")
            let users: [Viewer: TestUser] = [.stranger: stranger, .follower: follower, .minor: minor, .creator: creator]
            func seen() async throws -> [Viewer: Set<Path>] {
                var found: [Viewer: Set<Path>] = [:]
                for viewer in Viewer.allCases {
                    found[viewer] = try await VisibilityHTTPTests.paths(showing: video.id, by: creator, to: users[viewer], client)
                }
                return found
            }
            /// `seen()` once `isSettled` holds (or the deadline passed): the public index and the
            /// recommenders' catalogues take the video a moment after the profile grid shows it.
            func seen(once isSettled: ([Viewer: Set<Path>]) -> Bool) async throws -> [Viewer: Set<Path>] {
                let deadline = ContinuousClock.now + .seconds(120)
                while true {
                    let found = try await seen()
                    if isSettled(found) || ContinuousClock.now >= deadline { return found }
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            let everywhere: Set<Path> = [.video, .media, .poster, .comments, .profile, .popular, .hashtag, .search]
            let baseline = try await seen { found in
                found[.signedOut] == everywhere
                    && [Viewer.stranger, .follower, .minor].allSatisfy { found[$0]?.isSuperset(of: everywhere.union([.forYou])) == true }
                    && found[.creator]?.isSuperset(of: everywhere) == true
            }
            // For You never recommends the creator their own upload.
            #expect(baseline[.creator]?.contains(.forYou) == false)
            #expect(baseline[.signedOut] == everywhere)
            #expect(baseline[.follower] == everywhere.union([.following, .forYou]))
            #expect(baseline[.stranger] == everywhere.union([.forYou]))
            let moderator = reel.app.ids.newID(in: try reel.app.ids.region(of: creator.id))
            for row in Self.table {
                let statement = try await reel.app.moderationActions.apply(row.action, to: .init(kind: .video, id: video.id), ruleID: "eu-test-1",
                                                                    guidelinesVersion: "2026-11-01", facts: "Checked by a moderator.",
                                                                    moderator: moderator)
                #expect((statement == nil) == (row.action == .dismiss))
                let after = try await seen()
                for viewer in Viewer.allCases {
                    let expected = row.expected(viewer, baseline[viewer] ?? [])
                    #expect(after[viewer] == expected, "\(row.action) for \(viewer): found on \(after[viewer]?.sorted() ?? []), expected \(expected.sorted())")
                }
                if row.action == .labelUnverified {
                    let view = try await client.send(.get, "/v1/videos/\(video.id)").decode(VideoView.self)
                    #expect(view.labels == ["unverified"])
                    let listed = try await client.send(.get, "/v1/hashtags/harbour/videos").decode(Page<VideoView>.self).items
                    #expect(listed.first { $0.id == video.id }?.labels == ["unverified"])
                }
                if row.action == .restrictAdults {
                    let view = try await client.send(.get, "/v1/videos/\(video.id)", headers: stranger.headers).decode(VideoView.self)
                    #expect(view.restriction == "adults_only")
                    #expect(try await client.send(.get, "/v1/videos/\(video.id)", headers: minor.headers).status == .notFound)
                    #expect(try await client.send(.get, "/v1/videos/\(video.id)/media").status == .notFound)
                }
                guard let statement else { continue }
                try await reel.app.moderationActions.reverse(statementID: statement.id)
                #expect(try await seen { $0 == baseline } == baseline, "reversing \(row.action) restores every path")
                let view = try await client.send(.get, "/v1/videos/\(video.id)").decode(VideoView.self)
                #expect(view.labels == nil && view.restriction == nil)
            }
        }
    }

    @Test("suspending or terminating the creator hides the profile and every video from everyone else; reversal brings them back",
          arguments: TestEngine.all)
    func accountActionsOnEveryPath(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine) { $0.popularRefreshInterval = 0 }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let follower = try await client.signUp("fan", country: "US")
            let stranger = try await client.signUp("passerby", country: "BR")
            #expect(try await client.send(.put, "/v1/users/maker/follow", headers: follower.headers).status == .ok)
            let video = try await client.publishClip(as: creator, caption: "Sunset over the #harbour")
            // The creator's comment on someone else's video is part of their content, too.
            let elsewhere = try await client.publishClip(as: stranger, caption: "Elsewhere")
            #expect(try await client.send(.post, "/v1/videos/\(elsewhere.id)/comments", headers: creator.headers, json: #"{"body":"Buy now"}"#)
                .status == .created)
            func commentsElsewhere() async throws -> [String] {
                try await client.send(.get, "/v1/videos/\(elsewhere.id)/comments").decode(Page<ReelCore.Comment>.self).items.map(\.body)
            }
            let viewers: [TestUser?] = [nil, stranger, follower]
            func seen(isHidden: Bool = false) async throws -> [Set<Path>] {
                var found: [Set<Path>] = []
                for viewer in viewers {
                    found.append(try await VisibilityHTTPTests.paths(showing: video.id, by: creator, to: viewer, isProfileHidden: isHidden, client))
                }
                return found
            }
            let everywhere: Set<Path> = [.video, .media, .poster, .comments, .profile, .popular, .hashtag, .search]
            /// `seen()` once `isSettled` holds (or the deadline passed): the public index and the
            /// recommenders' catalogues take the video a moment after the profile grid shows it.
            func seen(once isSettled: ([Set<Path>]) -> Bool) async throws -> [Set<Path>] {
                let deadline = ContinuousClock.now + .seconds(120)
                while true {
                    let found = try await seen()
                    if isSettled(found) || ContinuousClock.now >= deadline { return found }
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            let baseline = try await seen { $0 == [everywhere, everywhere.union([.forYou]), everywhere.union([.following, .forYou])] }
            #expect(baseline == [everywhere, everywhere.union([.forYou]), everywhere.union([.following, .forYou])])
            let moderator = reel.app.ids.newID(in: try reel.app.ids.region(of: creator.id))
            for (action, days) in [(ModerationActionKind.suspend, 7 as Int?), (.terminate, nil)] {
                let statement = try #require(try await reel.app.moderationActions.apply(
                    action, to: .init(kind: .account, id: creator.id), ruleID: "eu-spam-1", guidelinesVersion: "2026-11-01",
                    facts: "Repeated spam.", durationDays: days, moderator: moderator))
                #expect(try await seen(isHidden: true) == [[], [], []], "\(action) hides everything")
                #expect(try await client.send(.get, "/v1/users/maker").status == .notFound)
                #expect(try await commentsElsewhere() == [])
                let found = try await client.send(.get, "/v1/search?q=maker&type=accounts").decode(Page<SearchController.AccountResult>.self)
                #expect(found.items.isEmpty)
                try await reel.app.moderationActions.reverse(statementID: statement.id)
                #expect(try await seen { $0 == baseline } == baseline, "reversing \(action) restores every path")
                #expect(try await client.send(.get, "/v1/users/maker").status == .ok)
                #expect(try await commentsElsewhere() == ["Buy now"])
            }
        }
    }

    @Test("a suspended account gets 403 on sign-in and on every write (upload, comment, edit, like, follow, share, report) until the end date; then it signs in again", arguments: TestEngine.all)
    func suspensionRefusesSignInAndPosting(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let other = try await client.signUp("other", country: "US")
            let video = try await client.publishClip(as: other, caption: "Hello")
            let own = try await client.publishClip(as: creator, caption: "Mine")
            let moderator = reel.app.ids.newID(in: try reel.app.ids.region(of: creator.id))
            let statement = try #require(try await reel.app.moderationActions.apply(
                .suspend, to: .init(kind: .account, id: creator.id), ruleID: "eu-spam-1", guidelinesVersion: "2026-11-01",
                facts: "Repeated spam.", durationDays: 3, moderator: moderator))
            // A session opened before the suspension can no longer write anything: edit, like, follow, report.
            let writes: [(HTTPRequest.Method, String, String?)] = [
                (.patch, "/v1/videos/\(own.id)", #"{"caption":"edited"}"#), (.put, "/v1/videos/\(video.id)/like", nil),
                (.put, "/v1/users/other/follow", nil), (.post, "/v1/videos/\(video.id)/share", nil),
                (.post, "/v1/reports", #"{"targetType":"video","targetID":"\#(video.id)","category":"spam","goodFaith":true}"#),
            ]
            for (method, path, json) in writes {
                let response = try await client.send(method, path, headers: creator.headers, json: json)
                #expect(response.status == .forbidden, "\(method) \(path): \(response.status)")
            }
            #expect(try await client.send(.get, "/v1/videos/\(video.id)").decode(VideoView.self).likeCount == 0)
            let endsAt = try #require(statement.endsAt)
            let signIn = try await client.send(.post, "/v1/sessions", json: #"{"handle":"maker","password":"correct horse battery"}"#)
            #expect(signIn.status == .forbidden)
            #expect(try signIn.decode(ErrorEnvelope.self).error.code == "account_suspended")
            #expect(signIn.text.contains(String(endsAt.formatted(.iso8601).prefix(10))))
            // The refusal promises only what a person without a session can do: nothing it would need a new session for.
            #expect(try signIn.decode(ErrorEnvelope.self).error.message.contains("A session opened before the suspension can still read"),
                    "\(signIn.text)")
            // A wrong password still gets the usual answer, so the suspension is not revealed to others.
            #expect(try await client.send(.post, "/v1/sessions", json: #"{"handle":"maker","password":"wrong horse battery"}"#).status
                == .unauthorized)
            let upload = try await client.upload(try await TestMedia.clip(), as: creator, caption: "again")
            #expect(upload.status == .forbidden)
            #expect(try upload.decode(ErrorEnvelope.self).error.code == "account_suspended")
            let comment = try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: creator.headers, json: #"{"body":"hi"}"#)
            #expect(comment.status == .forbidden)
            // The earlier session may still read the statement that says why.
            let statements = try await client.send(.get, "/v1/me/statements", headers: creator.headers).decode(Page<StatementView>.self)
            #expect(statements.items.map(\.id) == [statement.id])
            // Signing out is still possible.
            #expect(try await client.send(.delete, "/v1/sessions/current", headers: creator.headers).status == .noContent)
            // After the end date the account signs in again.
            _ = try await reel.app.accounts.logIn(identifier: "maker", password: "correct horse battery", now: endsAt.addingTimeInterval(1))
            await #expect(throws: ReelError.self) {
                try await reel.app.accounts.logIn(identifier: "maker", password: "correct horse battery", now: endsAt.addingTimeInterval(-60))
            }
        }
    }

    @Test("removing a comment takes it off the video everywhere; reversal puts it back", arguments: TestEngine.all)
    func removeComment(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let author = try await client.signUp("rude", country: "US")
            let video = try await client.publishClip(as: creator, caption: "Hello")
            let posted = try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: author.headers, json: #"{"body":"Nasty words"}"#)
            let comment = try posted.decode(ReelCore.Comment.self)
            func bodies() async throws -> [String] {
                try await client.send(.get, "/v1/videos/\(video.id)/comments").decode(Page<ReelCore.Comment>.self).items.map(\.body)
            }
            func commentCount() async throws -> Int { try await client.send(.get, "/v1/videos/\(video.id)").decode(VideoView.self).commentCount }
            #expect(try await bodies() == ["Nasty words"])
            let moderator = reel.app.ids.newID(in: try reel.app.ids.region(of: creator.id))
            await #expect(throws: ReelError.self) {
                try await reel.app.moderationActions.apply(.remove, to: .init(kind: .comment, id: comment.id), ruleID: "us-harassment-1",
                                                    guidelinesVersion: "2026-11-01", facts: "Insult.", moderator: moderator)
            }
            let statement = try #require(try await reel.app.moderationActions.apply(
                .removeComment, to: .init(kind: .comment, id: comment.id), ruleID: "us-harassment-1", guidelinesVersion: "2026-11-01",
                facts: "Insult.", moderator: moderator))
            #expect(statement.affectedUserID == author.id)
            #expect(try await bodies() == [])
            #expect(try await commentCount() == 0)
            let mine = try await client.send(.get, "/v1/me/statements", headers: author.headers).decode(Page<StatementView>.self)
            #expect(mine.items.map(\.restriction) == ["remove_comment"])
            try await reel.app.moderationActions.reverse(statementID: statement.id)
            #expect(try await bodies() == ["Nasty words"])
            #expect(try await commentCount() == 1)
            let reversed = try await client.send(.get, "/v1/me/statements", headers: author.headers).decode(Page<StatementView>.self)
            #expect(reversed.items.map(\.status) == ["reversed"])
            await #expect(throws: ReelError.self) { try await reel.app.moderationActions.reverse(statementID: statement.id) }
        }
    }

    /// `YYYY-MM-DD` of someone `years` old today (their birthday a month ago).
    static func birthDate(yearsAgo years: Int) -> String {
        let calendar = Calendar(identifier: .gregorian)
        let date = calendar.date(byAdding: DateComponents(year: -years, month: -1), to: Date()) ?? Date()
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 2000, parts.month ?? 1, parts.day ?? 1)
    }
}
