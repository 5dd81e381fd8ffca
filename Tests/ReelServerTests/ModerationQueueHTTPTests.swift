import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import ReelCore
import ReelGuard
@testable import ReelServer
import Testing

/// The moderation queue behind the gate: a moderator sees their own region's cases by priority, a
/// case of another region is 404 (and the refusal is in that region's audit log), other roles get
/// 403, and a decision must cite a rule of the region's current guidelines.
@Suite("Moderation queue", .serialized, .dropsEngineScratch)
struct ModerationQueueHTTPTests {
    @Test("the queue is ordered by priority: severity first, then report count", arguments: TestEngine.all)
    func queueOrder(engine: TestEngine) async throws {
        let t = try await TestApp.make(engine)
        defer { t.cleanUp() }
        try await t.test { client in
            let spammedOnce = try await client.signUp("spam_once")
            let spammedThrice = try await client.signUp("spam_thrice")
            let hated = try await client.signUp("hated")
            var reporters: [TestUser] = []
            for number in 0..<3 { reporters.append(try await client.signUp("reporter\(number)", country: number == 0 ? "DE" : "US")) }
            _ = try await client.reported("account", spammedOnce.id, category: "spam", by: reporters[0])
            for reporter in reporters { _ = try await client.reported("account", spammedThrice.id, category: "spam", by: reporter) }
            _ = try await client.reported("account", hated.id, category: "hate", by: reporters[1])
            let euCase = try await client.signUp("eu_account", country: "FR")
            _ = try await client.reported("account", euCase.id, category: "violence", by: reporters[2])

            let moderator = try await t.staffHeaders(client, region: "us", role: "moderator", handle: "mia")
            let response = try await client.send(.get, "/v1/moderation/cases", headers: moderator)
            #expect(response.status == .ok, "\(response.text)")
            let cases = try response.decode(Page<CaseSummaryBody>.self).items
            #expect(cases.map(\.targetID) == ["\(hated.id)", "\(spammedThrice.id)", "\(spammedOnce.id)"],
                    "the EU case is not in the US queue, and the order is by priority")
            #expect(cases.map(\.reportCount) == [1, 3, 1])
            #expect(cases.allSatisfy { $0.region == "us" && $0.state == "open" && $0.targetType == "account" })
            #expect(cases[0].severity == 3 && cases[0].priority > cases[1].priority && cases[1].priority > cases[2].priority)

            // Two at a time: the cursor continues in order.
            let first = try await client.send(.get, "/v1/moderation/cases?limit=2", headers: moderator).decode(Page<CaseSummaryBody>.self)
            let cursor = try #require(first.nextCursor)
            let second = try await client.send(.get, "/v1/moderation/cases?limit=2&cursor=\(cursor)", headers: moderator)
                .decode(Page<CaseSummaryBody>.self)
            #expect((first.items + second.items).map(\.id) == cases.map(\.id))
            #expect(try await client.send(.get, "/v1/moderation/cases?state=closed", headers: moderator).decode(Page<CaseSummaryBody>.self).items.isEmpty)
            let badState = try await client.send(.get, "/v1/moderation/cases?state=pending", headers: moderator)
            #expect(badState.status == .badRequest && badState.errorCode == "invalid_state")
        }
    }

    @Test("an EU moderator gets 404 for a US case, seeing or acting, and the US log records both refusals; support and engineers get 403",
          arguments: TestEngine.all)
    func jurisdiction(engine: TestEngine) async throws {
        let t = try await TestApp.make(engine)
        defer { t.cleanUp() }
        try await t.test { client in
            let target = try await client.signUp("target_us")
            let reporter = try await client.signUp("reporter_us")
            let report = try await client.reported("account", target.id, category: "harassment", by: reporter)
            let euModerator = try await t.staffHeaders(client, region: "eu", role: "moderator", handle: "emil")
            let before = try await t.auditEntries("us").count

            let seen = try await client.send(.get, "/v1/moderation/cases/\(report.caseID)", headers: euModerator)
            #expect(seen.status == .notFound && seen.errorCode == "not_found")
            let acted = try await client.send(.post, "/v1/moderation/cases/\(report.caseID)/actions", headers: euModerator,
                                              json: #"{"action":"dismiss","ruleID":"us-harassment-1","facts":""}"#)
            #expect(acted.status == .notFound && acted.errorCode == "not_found")
            #expect(!(try await client.send(.get, "/v1/moderation/cases", headers: euModerator)
                .decode(Page<CaseSummaryBody>.self).items.contains { $0.id == report.caseID }))
            // The custodians are shared by the whole test process: only this case's entries count.
            let refusals = try await t.auditEntries("us").dropFirst(before).filter { $0.justification == "Case \(report.caseID)." }
            #expect(refusals.count == 2, "one denied entry per refused request in the US log: \(refusals)")
            #expect(refusals.allSatisfy { $0.kind == .gateDecision && $0.decision == .denied && $0.purpose == "moderation" })
            #expect(refusals.allSatisfy { $0.principal == AuditPrincipal(kind: .staff, role: "moderator", jurisdiction: "eu") })

            for role in ["support", "engineer"] {
                let staff = try await t.staffHeaders(client, region: "us", role: role, handle: "\(role)_us")
                let queue = try await client.send(.get, "/v1/moderation/cases", headers: staff)
                #expect(queue.status == .forbidden && queue.errorCode == "access_denied", "\(role): \(queue.text)")
                let one = try await client.send(.get, "/v1/moderation/cases/\(report.caseID)", headers: staff)
                #expect(one.status == .forbidden, "\(role): \(one.text)")
            }
            let userToken = try await client.send(.get, "/v1/moderation/cases", headers: reporter.headers)
            #expect(userToken.status == .unauthorized)
            #expect(try await client.send(.get, "/v1/moderation/cases").status == .unauthorized)

            // The case's own moderator sees it, with the report but not the reporter.
            let usModerator = try await t.staffHeaders(client, region: "us", role: "moderator", handle: "uma")
            let view = try await client.send(.get, "/v1/moderation/cases/\(report.caseID)", headers: usModerator)
            #expect(view.status == .ok, "\(view.text)")
            let detail = try view.decode(CaseBody.self)
            #expect(detail.target.account?.handle == "target_us" && detail.reports.map(\.category) == ["harassment"])
            #expect(!view.text.contains("\(reporter.id)") && !view.text.contains("reporter_us") && !view.text.contains(report.id))
        }
    }

    @Test("a decision cites a rule of the case region's current guidelines: unknown or foreign rule 400, wrong target 400, then 201 and 409",
          arguments: TestEngine.all)
    func actions(engine: TestEngine) async throws {
        let t = try await TestApp.make(engine)
        defer { t.cleanUp() }
        try await t.test { client in
            let target = try await client.signUp("spammer")
            let reporter = try await client.signUp("reporter", country: "DE")
            let report = try await client.reported("account", target.id, category: "spam", by: reporter)
            let moderator = try await t.staffHeaders(client, region: "us", role: "moderator", handle: "moe")
            let path = "/v1/moderation/cases/\(report.caseID)/actions"
            func act(_ json: String) async throws -> TestResponse { try await client.send(.post, path, headers: moderator, json: json) }

            let unknownRule = try await act(#"{"action":"dismiss","ruleID":"us-made-up-9","facts":""}"#)
            #expect(unknownRule.status == .badRequest && unknownRule.errorCode == "invalid_rule")
            let foreignRule = try await act(#"{"action":"dismiss","ruleID":"eu-spam-1","facts":""}"#)
            #expect(foreignRule.status == .badRequest && foreignRule.errorCode == "invalid_rule")
            let wrongTarget = try await act(#"{"action":"remove","ruleID":"us-spam-1","facts":"Scam links."}"#)
            #expect(wrongTarget.status == .badRequest && wrongTarget.errorCode == "action_not_applicable")
            let badAction = try await act(#"{"action":"ban","ruleID":"us-spam-1","facts":"Scam links."}"#)
            #expect(badAction.status == .badRequest && badAction.errorCode == "invalid_action")
            let noDuration = try await act(#"{"action":"suspend","ruleID":"us-spam-1","facts":"Scam links."}"#)
            #expect(noDuration.status == .badRequest && noDuration.errorCode == "invalid_duration")
            let noFacts = try await act(#"{"action":"terminate","ruleID":"us-spam-1","facts":" "}"#)
            #expect(noFacts.status == .badRequest && noFacts.errorCode == "facts_required")

            let decided = try await act(#"{"action":"suspend","ruleID":"us-spam-1","facts":"Posted scam links in 40 comments.","durationDays":7}"#)
            #expect(decided.status == .created, "\(decided.text)")
            let action = try decided.decode(CaseBody.Action.self)
            #expect(action.action == "suspend" && action.ruleID == "us-spam-1" && action.guidelinesVersion == "2026-11-01")
            let again = try await act(#"{"action":"dismiss","ruleID":"us-spam-1","facts":""}"#)
            #expect(again.status == .conflict && again.errorCode == "case_closed")

            let closed = try await client.send(.get, "/v1/moderation/cases/\(report.caseID)", headers: moderator).decode(CaseBody.self)
            #expect(closed.state == "closed" && closed.actions.map(\.action) == ["suspend"])
            let status = try await client.send(.get, "/v1/me/reports", headers: reporter.headers).decode(Page<ReportBody>.self)
            #expect(status.items.first?.status == "actioned")
            // A new report on the same account opens a new case.
            let later = try await client.reported("account", target.id, category: "spam", by: try await client.signUp("second"))
            #expect(later.caseID != report.caseID && later.status == "open")
        }
    }
}

/// `reel seed`'s moderation part: a moderator per region whose sign-in is written to a file, and
/// reported demo cases in every region's queue.
@Suite("Demo moderation", .serialized)
struct DemoModerationTests {
    @Test("the seed adds a moderator per region (sign-in in demo-moderators.txt) and reported cases in each region's queue")
    func seed() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        try await t.test { client in
            for (region, country) in [("us", "US"), ("eu", "DE"), ("global", "BR")] {
                _ = try await client.signUp("demo_\(region)_1", country: country)
            }
            let seeded = try await DemoModeration.seed(app: t.app, logger: Logger(label: "reel.test.seed"))
            #expect(seeded.cases == 3 && seeded.moderators.map(\.handle) == ["mod_us", "mod_eu", "mod_global"])
            let lines = try String(contentsOf: seeded.file, encoding: .utf8).split(separator: "\n")
            let euLine = try #require(lines.first { $0.hasPrefix("region=eu ") })
            let uri = try #require(euLine.split(separator: " ").first { $0.hasPrefix("totp=") }?.dropFirst(5))
            let secret = try #require(URLComponents(string: String(uri))?.queryItems?.first { $0.name == "secret" }?.value.flatMap(Base32.decode))
            let signIn = try await client.staffSignIn(region: "eu", handle: "mod_eu", totp: TOTP(secret: secret),
                                                      password: DemoModeration.moderatorPassword)
            let token = try signIn.decode(StaffSessionBody.self).token
            let queue = try await client.send(.get, "/v1/moderation/cases", headers: [.authorization: "Bearer \(token)"])
            #expect(try queue.decode(Page<CaseSummaryBody>.self).items.map(\.categories) == [["spam"]])
        }
    }
}
