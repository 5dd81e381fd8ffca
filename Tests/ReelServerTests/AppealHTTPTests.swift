import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
import ReelGuard
@testable import ReelServer
import ReelSafety
import ReelStore
import Testing

/// Issue 13, item 5: appeals (DSA Art. 20) and the notifications that tell users about decisions,
/// over HTTP on both engines. Cases and their decisions are written as the case endpoint writes
/// them: a case report, ``ModerationActions/apply``, then the case action.
@Suite("Appeals over HTTP", .dropsEngineScratch)
struct AppealHTTPTests {
    typealias Path = VisibilityHTTPTests.Path

    /// What an appeal, a page of appeals, the queue and notifications look like to a client.
    struct AppealBody: Codable {
        var id: String
        var statementID: String?
        var reportID: String?
        var status: String
        var explanation: String
        var decidedAt: Date?
        var decision: String?
    }
    struct QueueItem: Codable {
        struct Case: Codable { var id: String; var region: String; var targetType: String; var targetID: String }
        var appeal: AppealBody
        var `case`: Case?
    }
    struct NotificationBody: Codable {
        var kind: String
        var text: String
        var statementID: String?
        var appealID: String?
        var reportID: String?
    }

    /// Two moderators of `eu` and one of `us`, signed in.
    struct Moderators {
        var first: (id: ReelID, token: String)
        var second: (id: ReelID, token: String)
        var american: String

        static func make(_ reel: TestApp, _ client: any TestClientProtocol) async throws -> Moderators {
            var signedIn: [(ReelID, String)] = []
            for (region, handle) in [("eu", "mod_anna"), ("eu", "mod_bert"), ("us", "mod_cleo")] {
                let totp = try await reel.addStaff(region: region, role: "moderator", handle: handle)
                let token = try await client.staffToken(region: region, handle: handle, totp: totp)
                let staff = try #require(try await reel.app.stores.router.store(for: RegionCode(region))?.staff(handle: handle))
                signedIn.append((staff.id, token))
            }
            return Moderators(first: signedIn[0], second: signedIn[1], american: signedIn[2].1)
        }
    }

    /// Opens a case about `target` with one report, as the report endpoint does.
    static func openCase(_ reel: TestApp, about target: ModerationTarget, category: ReportCategory = .hate,
                         at date: Date = Date()) async throws -> ModerationCase {
        let store = try reel.app.stores.router.store(for: target.id)
        let region = try reel.app.ids.region(of: target.id)
        return try await store.fileCaseReport(CaseReport(reporterRef: reel.app.ids.newID(in: region), category: category,
                                                         explanation: "Reported.", createdAt: date),
                                              target: target, newCaseID: reel.app.ids.newID(in: region), reach: 0, at: date)
    }

    /// Takes `action` on a case as the case endpoint does and returns the statement.
    @discardableResult
    static func act(_ reel: TestApp, _ action: ModerationActionKind, on moderationCase: ModerationCase, by moderator: ReelID,
                    facts: String = "The video insults a group.", at date: Date = Date()) async throws -> StatementOfReasons? {
        let statement = try await reel.app.moderationActions.apply(action, to: moderationCase.target, ruleID: "eu-hate-1",
                                                            guidelinesVersion: "2026-11-01", facts: facts, moderator: moderator, now: date)
        let store = try reel.app.stores.router.store(for: moderationCase.id)
        try await store.insertCaseAction(CaseAction(id: reel.app.ids.newID(in: try reel.app.ids.region(of: moderationCase.id)),
                                                    caseID: moderationCase.id, action: action,
                                                    rule: RuleCitation(ruleID: "eu-hate-1", guidelinesVersion: "2026-11-01"),
                                                    moderatorID: moderator, facts: facts, territorialScope: ["worldwide"], createdAt: date,
                                                    statementID: statement?.id))
        _ = try await store.closeCase(id: moderationCase.id, outcome: action == .dismiss ? .dismissed : .actioned, at: date)
        return statement
    }

    static func decide(_ client: any TestClientProtocol, _ appealID: String, _ decision: String, token: String) async throws -> TestResponse {
        try await client.send(.post, "/v1/moderation/appeals/\(appealID)/decision", headers: [.authorization: "Bearer \(token)"],
                              json: #"{"decision":"\#(decision)","explanation":"Reviewed the video again."}"#)
    }

    @Test("an upheld appeal restores the video on every path and notifies the creator; only another moderator of the region decides, through the gate, audited",
          arguments: TestEngine.all)
    func upheldAppealRestoresEverywhere(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine) { $0.popularRefreshInterval = 0 }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let stranger = try await client.signUp("passerby", country: "BR")
            let moderators = try await Moderators.make(reel, client)
            let video = try await client.publishClip(as: creator, caption: "Sunset over the #harbour")
            func seen(by viewer: TestUser?) async throws -> Set<Path> {
                try await VisibilityHTTPTests.paths(showing: video.id, by: creator, to: viewer, client)
            }
            let baseline = (signedOut: try await seen(by: nil), stranger: try await seen(by: stranger))
            #expect(baseline.signedOut == [.video, .media, .poster, .comments, .profile, .popular, .hashtag, .search])
            let moderationCase = try await Self.openCase(reel, about: .init(kind: .video, id: video.id))
            let statement = try #require(try await Self.act(reel, .remove, on: moderationCase, by: moderators.first.id))
            #expect(try await seen(by: nil).isEmpty)
            #expect(try await seen(by: stranger).isEmpty)

            let told = try await client.send(.get, "/v1/me/notifications", headers: creator.headers).decode(Page<NotificationBody>.self).items
            #expect(told.first?.kind == "statement" && told.first?.statementID == "\(statement.id)")

            let body = #"{"statementID":"\#(statement.id)","explanation":"It is a landscape video."}"#
            #expect(try await client.send(.post, "/v1/appeals", headers: stranger.headers, json: body).status == .notFound,
                    "only the affected user appeals a statement")
            let filed = try await client.send(.post, "/v1/appeals", headers: creator.headers, json: body)
            #expect(filed.status == .created)
            let appeal = try filed.decode(AppealBody.self)
            #expect(appeal.status == "pending" && appeal.statementID == "\(statement.id)")
            let again = try await client.send(.post, "/v1/appeals", headers: creator.headers, json: body)
            #expect(again.status == .conflict && again.text.contains("appeal_exists"))
            #expect(try await client.send(.get, "/v1/me/appeals", headers: creator.headers).decode(Page<AppealBody>.self).items.map(\.id)
                    == [appeal.id])

            let queue = try await client.send(.get, "/v1/moderation/appeals?state=pending",
                                              headers: [.authorization: "Bearer \(moderators.second.token)"]).decode(Page<QueueItem>.self)
            #expect(queue.items.map(\.appeal.id) == [appeal.id])
            #expect(queue.items.first?.case?.id == "\(moderationCase.id)" && queue.items.first?.case?.region == "eu")
            #expect(try await client.send(.get, "/v1/moderation/appeals", headers: [.authorization: "Bearer \(moderators.american)"])
                .decode(Page<QueueItem>.self).items.isEmpty, "a us moderator does not see eu appeals")
            #expect(try await client.send(.get, "/v1/moderation/appeals", headers: creator.headers).status == .unauthorized)

            let same = try await Self.decide(client, appeal.id, "uphold", token: moderators.first.token)
            #expect(same.status == .forbidden && same.text.contains("same_moderator"))
            let auditedBefore = try await reel.auditEntries("eu").count
            let foreign = try await Self.decide(client, appeal.id, "uphold", token: moderators.american)
            #expect(foreign.status == .notFound && foreign.errorCode == "not_found")
            #expect(try await seen(by: nil).isEmpty, "a refused decision changes nothing")
            let support = try await reel.staffHeaders(client, region: "eu", role: "support", handle: "support_eu")
            #expect(try await client.send(.get, "/v1/moderation/appeals", headers: support).errorCode == "access_denied")
            let supportDecision = try await client.send(.post, "/v1/moderation/appeals/\(appeal.id)/decision", headers: support,
                                                        json: #"{"decision":"uphold","explanation":"Why not."}"#)
            #expect(supportDecision.status == .forbidden && supportDecision.errorCode == "access_denied")

            let upheld = try await Self.decide(client, appeal.id, "uphold", token: moderators.second.token)
            #expect(upheld.status == .ok)
            // Every decision on the appeal went through the eu gate and is in the eu audit log: the us
            // moderator's and support's refusals, the second moderator's allowed decision (and the first
            // moderator's allowed request, refused afterwards as the same moderator, is before these).
            let decisions = try await reel.auditEntries("eu").dropFirst(auditedBefore).filter { $0.justification == "Appeal \(appeal.id)." }
            #expect(decisions.map(\.decision) == [.denied, .denied, .allowed], "\(decisions)")
            #expect(decisions.map(\.principal) == [AuditPrincipal(kind: .staff, role: "moderator", jurisdiction: "us"),
                                                   AuditPrincipal(kind: .staff, role: "support", jurisdiction: "eu"),
                                                   AuditPrincipal(kind: .staff, role: "moderator", jurisdiction: "eu")])
            #expect(decisions.allSatisfy { $0.kind == .gateDecision && $0.purpose == "moderation" && $0.resource == "moderation.actions" })
            #expect(try await reel.auditEntries("eu").contains { $0.justification == "Appeals of region eu." && $0.decision == .allowed })
            let decided = try upheld.decode(AppealBody.self)
            #expect(decided.status == "upheld" && decided.decision == "Reviewed the video again." && decided.decidedAt != nil)
            #expect(try await seen(by: nil) == baseline.signedOut, "the video is back on every path for everyone")
            #expect(try await seen(by: stranger) == baseline.stranger)
            let notices = try await client.send(.get, "/v1/me/notifications", headers: creator.headers).decode(Page<NotificationBody>.self).items
            #expect(notices.first?.kind == "appeal_decided" && notices.first?.appealID == appeal.id)
            #expect(notices.first?.text.contains("upheld") == true)
            let twice = try await Self.decide(client, appeal.id, "reject", token: moderators.second.token)
            #expect(twice.status == .conflict && twice.text.contains("appeal_decided"))
            #expect(try await client.send(.get, "/v1/moderation/appeals", headers: [.authorization: "Bearer \(moderators.second.token)"])
                .decode(Page<QueueItem>.self).items.isEmpty)
        }
    }

    @Test("a comment a moderator removes leaves the video's public comment count on the video, its profile tile and the list; an upheld appeal counts it again",
          arguments: TestEngine.all)
    func removedCommentLeavesTheCount(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "US")
            let author = try await client.signUp("rude", country: "DE")
            let witness = try await client.signUp("witness", country: "FR")
            let moderators = try await Moderators.make(reel, client)
            let video = try await client.publishClip(as: creator, caption: "Hello")
            var posted: [ReelCore.Comment] = []
            for body in ["Nice light!", "Nasty words"] {
                posted.append(try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: author.headers, json: #"{"body":"\#(body)"}"#)
                    .decode(ReelCore.Comment.self))
            }
            /// The count on the video page and on the creator's profile tile, and the comments a viewer sees.
            func counts() async throws -> [Int] {
                [try await client.send(.get, "/v1/videos/\(video.id)", headers: witness.headers).decode(VideoView.self).commentCount,
                 try await client.send(.get, "/v1/users/maker/videos", headers: witness.headers).decode(Page<VideoView>.self)
                    .items.first { $0.id == video.id }?.commentCount ?? -1,
                 try await client.send(.get, "/v1/videos/\(video.id)/comments", headers: witness.headers).decode(Page<ReelCore.Comment>.self)
                    .items.count]
            }
            #expect(try await counts() == [2, 2, 2])
            let report = try await client.reported("comment", posted[1].id, category: "harassment", by: witness)
            let acted = try await client.send(.post, "/v1/moderation/cases/\(report.caseID)/actions",
                                              headers: [.authorization: "Bearer \(moderators.first.token)"],
                                              json: #"{"action":"remove_comment","ruleID":"eu-harassment-1","facts":"An insult."}"#)
            #expect(acted.status == .created, "\(acted.text)")
            #expect(try await counts() == [1, 1, 1], "the removed comment is neither listed nor counted")

            let statement = try #require(try await client.send(.get, "/v1/me/statements", headers: author.headers)
                .decode(Page<StatementView>.self).items.first)
            let appeal = try await client.send(.post, "/v1/appeals", headers: author.headers,
                                               json: #"{"statementID":"\#(statement.id)","explanation":"It was a joke between friends."}"#)
                .decode(AppealBody.self)
            #expect(try await Self.decide(client, appeal.id, "uphold", token: moderators.second.token).status == .ok)
            #expect(try await counts() == [2, 2, 2], "the restored comment is listed and counted again")
        }
    }

    @Test("a rejected appeal keeps the video removed; after six months an appeal is refused", arguments: TestEngine.all)
    func rejectedAppealAndWindow(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine) { $0.popularRefreshInterval = 0 }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let moderators = try await Moderators.make(reel, client)
            let video = try await client.publishClip(as: creator, caption: "Clip #one")
            let old = try await client.publishClip(as: creator, caption: "Clip #two")
            let statement = try #require(try await Self.act(reel, .remove, on: try await Self.openCase(reel, about: .init(kind: .video, id: video.id)),
                                                            by: moderators.first.id))
            let appeal = try await client.send(.post, "/v1/appeals", headers: creator.headers,
                                               json: #"{"statementID":"\#(statement.id)","explanation":"Please look again."}"#).decode(AppealBody.self)
            let rejected = try await Self.decide(client, appeal.id, "reject", token: moderators.second.token)
            #expect(try rejected.decode(AppealBody.self).status == "rejected")
            #expect(try await VisibilityHTTPTests.paths(showing: video.id, by: creator, to: nil, client).isEmpty, "the removal stands")
            let notice = try await client.send(.get, "/v1/me/notifications", headers: creator.headers).decode(Page<NotificationBody>.self).items.first
            #expect(notice?.kind == "appeal_decided" && notice?.text.contains("rejected") == true)

            let sevenMonthsAgo = Date().addingTimeInterval(-213 * 86_400)
            let late = try #require(try await Self.act(reel, .remove, on: try await Self.openCase(reel, about: .init(kind: .video, id: old.id)),
                                                       by: moderators.first.id, at: sevenMonthsAgo))
            let closed = try await client.send(.post, "/v1/appeals", headers: creator.headers,
                                               json: #"{"statementID":"\#(late.id)","explanation":"Please look again."}"#)
            #expect(closed.status == .badRequest && closed.text.contains("appeal_window_closed"))
            for bad in [#"{"explanation":"Neither."}"#, #"{"statementID":"\#(late.id)","explanation":"   "}"#] {
                #expect(try await client.send(.post, "/v1/appeals", headers: creator.headers, json: bad).status == .badRequest)
            }
        }
    }

    @Test("a reporter appeals the dismissal of their report; upholding reopens the case and tells them", arguments: TestEngine.all)
    func reporterAppealsDismissal(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let reporter = try await client.signUp("watcher", country: "US")
            let moderators = try await Moderators.make(reel, client)
            let video = try await client.publishClip(as: creator, caption: "Clip")
            let target = ModerationTarget(kind: .video, id: video.id)
            let moderationCase = try await Self.openCase(reel, about: target)
            let report = Report(id: reel.app.ids.newID(in: try reel.app.ids.region(of: reporter.id)), reporterID: reporter.id, target: target,
                                category: .hate, explanation: "Hateful.", createdAt: Date(), caseID: moderationCase.id)
            _ = try await reel.app.stores.router.store(for: reporter.id).insertReport(report)
            _ = try await reel.app.stores.router.store(for: moderationCase.id).fileCaseReport(
                CaseReport(reporterRef: report.id, category: .hate, explanation: "Hateful.", createdAt: Date()), target: target,
                newCaseID: moderationCase.id, reach: 0, at: Date())
            let body = #"{"reportID":"\#(report.id)","explanation":"The video is hateful."}"#
            let early = try await client.send(.post, "/v1/appeals", headers: reporter.headers, json: body)
            #expect(early.status == .badRequest && early.text.contains("not_appealable"), "an open case cannot be appealed")
            // Dismissed through the moderation queue, as POST /v1/moderation/cases/{id}/actions does.
            let first = StaffService.StaffIdentity(staffID: moderators.first.id, handle: "mod_anna", role: .moderator, jurisdiction: "eu")
            _ = try await reel.app.moderation.act(on: moderationCase.id, by: first,
                                                  decision: .init(action: .dismiss, ruleID: "eu-hate-1", facts: ""))
            let told = try await client.send(.get, "/v1/me/notifications", headers: reporter.headers).decode(Page<NotificationBody>.self).items
            #expect(told.first?.kind == "report_decided" && told.first?.reportID == "\(report.id)")
            #expect(try await client.send(.post, "/v1/appeals", headers: creator.headers, json: body).status == .notFound,
                    "only the reporter appeals their report")
            let appeal = try await client.send(.post, "/v1/appeals", headers: reporter.headers, json: body).decode(AppealBody.self)
            #expect(appeal.reportID == "\(report.id)" && appeal.statementID == nil)
            #expect(try await Self.decide(client, appeal.id, "uphold", token: moderators.first.token).status == .forbidden)
            #expect(try await Self.decide(client, appeal.id, "uphold", token: moderators.second.token).status == .ok)
            let reopened = try await reel.app.stores.router.store(for: moderationCase.id).moderationCase(id: moderationCase.id)
            #expect(reopened?.state == .open)
            let notice = try await client.send(.get, "/v1/me/notifications", headers: reporter.headers).decode(Page<NotificationBody>.self).items.first
            #expect(notice?.kind == "appeal_decided" && notice?.reportID == "\(report.id)")
        }
    }
}
