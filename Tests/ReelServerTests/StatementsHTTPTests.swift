import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelSafety
import ReelStore
import Testing

/// Issue 13, item 4: statements of reasons as the affected user reads them (`GET /v1/me/statements`).
@Suite("Statements of reasons over HTTP", .dropsEngineScratch)
struct StatementsHTTPTests {
    @Test("a statement carries every DSA Art. 17 field and no personal data, and only the affected user sees it", arguments: TestEngine.all)
    func everyFieldNoPersonalData(_ engine: TestEngine) async throws {
        let f = try await ListingFixture(engine)
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker", country: "DE")
        let reporter = try await f.user("kind_reporter")
        let video = try await f.video(by: creator, caption: "Miracle cure #health")
        let moderator = f.app.ids.newID(in: try f.app.ids.region(of: creator.id))
        let statement = try #require(try await f.app.moderationActions.apply(
            .labelUnverified, to: .init(kind: .video, id: video), ruleID: "eu-misinfo-2", guidelinesVersion: "2026-11-01",
            facts: "Reported by @kind_reporter (kind_reporter@example.com): the video claims a cure that health authorities refute.",
            moderator: moderator, legalGround: nil))
        try await f.http { client in
            let response = try await client.send(.get, "/v1/me/statements", headers: creator.headers)
            #expect(response.status == .ok)
            let page = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            let items = try #require(page["items"] as? [[String: Any]])
            let item = try #require(items.first)
            #expect(Set(item.keys) == ["id", "targetType", "targetID", "restriction", "territorialScope", "startsAt", "facts",
                                       "automatedDetection", "automatedDecision", "ground", "appeal", "status", "createdAt"])
            #expect(item["id"] as? String == "\(statement.id)")
            #expect(item["targetType"] as? String == "video")
            #expect(item["targetID"] as? String == "\(video)")
            #expect(item["restriction"] as? String == "label_unverified")
            #expect(item["territorialScope"] as? [String] == ["worldwide"])
            #expect(item["automatedDetection"] as? Bool == false)
            #expect(item["automatedDecision"] as? Bool == false)
            #expect(item["status"] as? String == "active")
            let ground = try #require(item["ground"] as? [String: Any])
            #expect(ground["ruleID"] as? String == "eu-misinfo-2")
            #expect(ground["guidelinesVersion"] as? String == "2026-11-01")
            let appeal = try #require(item["appeal"] as? [String: Any])
            #expect((appeal["how"] as? String)?.contains("/v1/appeals") == true)
            let until = try Date(try #require(appeal["until"] as? String), strategy: .iso8601)
            #expect(until > statement.createdAt.addingTimeInterval(180 * 86_400))
            // Nothing personal: no e-mail, birth date, reporter, or moderator.
            for secret in ["maker@example.com", "1990-05-01", "kind_reporter", "\(reporter.id)", "\(moderator)", "@example.com"] {
                #expect(!response.text.contains(secret), "the statement shows \(secret)")
            }
            #expect((item["facts"] as? String)?.contains("health authorities refute") == true)

            // Only the affected user reads it, and only signed in.
            #expect(try await client.send(.get, "/v1/me/statements").status == .unauthorized)
            #expect(try await client.send(.get, "/v1/me/statements", headers: reporter.headers).decode(Page<StatementView>.self).items.isEmpty)
        }
    }

    @Test("statements page newest first; a suspension states its end; bad input is a 400", arguments: TestEngine.all)
    func pagingAndErrors(_ engine: TestEngine) async throws {
        let f = try await ListingFixture(engine)
        defer { f.reel.cleanUp() }
        let creator = try await f.user("maker", country: "DE")
        let video = try await f.video(by: creator, caption: "Clip")
        let moderator = f.app.ids.newID(in: try f.app.ids.region(of: creator.id))
        let actions = f.app.moderationActions
        let target = ModerationTarget(kind: .video, id: video)
        let demoted = try #require(try await actions.apply(.demote, to: target, ruleID: "eu-spam-1", guidelinesVersion: "1", facts: "Spam.",
                                                           moderator: moderator))
        let suspended = try #require(try await actions.apply(.suspend, to: .init(kind: .account, id: creator.id), ruleID: "eu-spam-1",
                                                             guidelinesVersion: "1", facts: "Spam.", durationDays: 2, moderator: moderator))
        #expect(suspended.endsAt == suspended.startsAt.addingTimeInterval(2 * 86_400))
        for (action, target, days, scope, code) in [
            (ModerationActionKind.suspend, target, 2 as Int?, nil as [String]?, "action_not_applicable"),
            (.suspend, ModerationTarget(kind: .account, id: creator.id), nil, nil, "invalid_duration"),
            (.remove, target, 3, nil, "invalid_duration"),
            (.remove, target, nil, ["DE"], "invalid_territorial_scope"),
        ] {
            do {
                _ = try await actions.apply(action, to: target, ruleID: "eu-spam-1", guidelinesVersion: "1", facts: "Spam.", durationDays: days,
                                            territorialScope: scope, moderator: moderator)
                Issue.record("\(action) with \(code) was accepted")
            } catch let error as ReelError {
                #expect(error.code == code)
            }
        }
        try await f.http { client in
            let first = try await client.send(.get, "/v1/me/statements?limit=1", headers: creator.headers).decode(Page<StatementView>.self)
            #expect(first.items.map(\.id) == [suspended.id])
            #expect(first.items.first?.endsAt != nil)
            let cursor = try #require(first.nextCursor)
            let second = try await client.send(.get, "/v1/me/statements?limit=1&cursor=\(cursor)", headers: creator.headers)
                .decode(Page<StatementView>.self)
            #expect(second.items.map(\.id) == [demoted.id])
            #expect(second.nextCursor == nil)
            #expect(try await client.send(.get, "/v1/me/statements?cursor=nonsense", headers: creator.headers).status == .badRequest)
        }
    }
}
