import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import ReelSafety
import ReelStore
import Testing

/// Issue 13, items 8 and 4: the public transparency report counts a scripted month right, and the
/// transparency-database export carries every required field and no personal data.
@Suite("Transparency report and statement export", .dropsEngineScratch)
struct ModerationReportHTTPTests {
    struct ReportBody: Decodable {
        struct Reports: Decodable { var total: Int; var byCategory: [String: Int] }
        struct Actions: Decodable { var byType: [String: Int]; var byRule: [String: Int] }
        struct Appeals: Decodable { var total: Int; var upheld: Int; var rejected: Int }
        var region: String
        var from: Date
        var to: Date
        var reports: Reports
        var actions: Actions
        var appeals: Appeals
        var reversals: Int
        var medianSecondsToAction: Double?
    }

    @Test("the report of a scripted month counts reports, decisions, appeals and reversals, with the median time to action",
          arguments: TestEngine.all)
    func scriptedMonth(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        let period = String(Date().ISO8601Format().prefix(7))
        let month = try #require(TransparencyReport.month(period))
        @Sendable func hour(_ h: Double) -> Date { month.from.addingTimeInterval(h * 3600) }
        try await reel.test { client in
            let creator = try await client.signUp("maker", country: "DE")
            let american = try await client.signUp("yankee", country: "US")
            let moderators = try await AppealHTTPTests.Moderators.make(reel, client)
            var videos: [VideoView] = []
            for caption in ["a", "b", "c"] { videos.append(try await client.publishClip(as: creator, caption: caption)) }
            let elsewhere = try await client.publishClip(as: american, caption: "us")
            let first = try await AppealHTTPTests.openCase(reel, about: .init(kind: .video, id: videos[0].id), category: .hate, at: hour(1))
            _ = try await AppealHTTPTests.openCase(reel, about: first.target, category: .hate, at: hour(2))
            let removal = try #require(try await AppealHTTPTests.act(reel, .remove, on: first, by: moderators.first.id, at: hour(4)))
            let second = try await AppealHTTPTests.openCase(reel, about: .init(kind: .video, id: videos[1].id), category: .spam, at: hour(10))
            try await AppealHTTPTests.act(reel, .dismiss, on: second, by: moderators.first.id, at: hour(11))
            let third = try await AppealHTTPTests.openCase(reel, about: .init(kind: .video, id: videos[2].id), category: .misinformation,
                                                           at: hour(20))
            let label = try #require(try await AppealHTTPTests.act(reel, .labelUnverified, on: third, by: moderators.first.id, at: hour(30)))
            _ = try await AppealHTTPTests.openCase(reel, about: .init(kind: .video, id: elsewhere.id), category: .violence, at: hour(5))
            for (statement, decision) in [(removal, "uphold"), (label, "reject")] {
                let appeal = try await client.send(.post, "/v1/appeals", headers: creator.headers,
                                                   json: #"{"statementID":"\#(statement.id)","explanation":"Please look again."}"#)
                    .decode(AppealHTTPTests.AppealBody.self)
                #expect(try await AppealHTTPTests.decide(client, appeal.id, decision, token: moderators.second.token).status == .ok)
            }

            let response = try await client.send(.get, "/v1/moderation/report?region=eu&period=\(period)")
            #expect(response.status == .ok)
            let report = try response.decode(ReportBody.self)
            #expect(report.region == "eu" && report.from == month.from && report.to == month.to)
            #expect(report.reports.total == 4)
            #expect(report.reports.byCategory["hate"] == 2 && report.reports.byCategory["spam"] == 1)
            #expect(report.reports.byCategory["misinformation"] == 1 && report.reports.byCategory["violence"] == 0)
            #expect(report.actions.byType["remove"] == 1 && report.actions.byType["dismiss"] == 1)
            #expect(report.actions.byType["label_unverified"] == 1 && report.actions.byType["suspend"] == 0)
            #expect(report.actions.byRule == ["eu-hate-1": 3])
            #expect(report.appeals.total == 2 && report.appeals.upheld == 1 && report.appeals.rejected == 1)
            #expect(report.reversals == 1)
            // From each case's first report: 3 h, 1 h and 10 h.
            #expect(abs((report.medianSecondsToAction ?? 0) - 3 * 3600) < 0.001)
            let american_ = try await client.send(.get, "/v1/moderation/report?region=us&period=\(period)").decode(ReportBody.self)
            #expect(american_.reports.total == 1 && american_.appeals.total == 0 && american_.medianSecondsToAction == nil)

            #expect(try await client.send(.get, "/v1/moderation/report?region=eu&period=2026-13").status == .badRequest)
            #expect(try await client.send(.get, "/v1/moderation/report?period=\(period)").status == .badRequest)
            #expect(try await client.send(.get, "/v1/moderation/report?region=mars").status == .notFound)
        }
    }

    @Test("export-sor writes one line per restriction with every required field and no personal data", arguments: TestEngine.all)
    func exportHasNoPersonalData(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        let since = Date().addingTimeInterval(-3600)
        try await reel.test { client in
            let creator = try await client.signUp("maker_jo", country: "DE")
            _ = try await client.send(.patch, "/v1/me", headers: creator.headers, json: #"{"displayName":"Jo Maker"}"#)
            let moderators = try await AppealHTTPTests.Moderators.make(reel, client)
            let video = try await client.publishClip(as: creator, caption: "Clip")
            let comment = try await client.send(.post, "/v1/videos/\(video.id)/comments", headers: creator.headers, json: #"{"body":"hi"}"#)
            let commentID = try comment.decode(CommentView.self).id
            let facts = "Jo Maker (maker_jo, maker_jo@example.com, @maker_jo) posted it; see https://reel.example/u/maker_jo."
            let moderationCase = try await AppealHTTPTests.openCase(reel, about: .init(kind: .video, id: video.id), category: .childSafety)
            try await AppealHTTPTests.act(reel, .restrictAdults, on: moderationCase, by: moderators.first.id, facts: facts)
            let commentCase = try await AppealHTTPTests.openCase(reel, about: .init(kind: .comment, id: commentID))
            try await AppealHTTPTests.act(reel, .removeComment, on: commentCase, by: moderators.first.id, facts: facts)
            try await AppealHTTPTests.act(reel, .dismiss, on: try await AppealHTTPTests.openCase(reel, about: .init(kind: .account, id: creator.id)),
                                          by: moderators.first.id)

            let lines = try await StatementExport.lines(stores: reel.app.stores, since: since, region: "eu")
            #expect(lines.count == 2, "one line per restriction; a dismissal makes no statement")
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                for field in TransparencyDatabaseStatement.requiredFields { #expect(object[field] != nil, "missing \(field) in \(line)") }
                #expect(object["decision_visibility"] != nil)
                for personal in ["maker_jo", "Jo Maker", "example.com", "reel.example", "\(creator.id)", "\(video.id)", "\(commentID)",
                                 "\(moderators.first.id)", "\(moderationCase.id)"] {
                    #expect(!line.contains(personal), "\(personal) leaked: \(line)")
                }
            }
            let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            #expect(first["category"] as? String == "STATEMENT_CATEGORY_PROTECTION_OF_MINORS")
            #expect(first["source_type"] as? String == "SOURCE_ARTICLE_16")
            #expect(first["decision_visibility"] as? [String] == ["DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED"])
            #expect(try await StatementExport.lines(stores: reel.app.stores, since: since, region: "us").isEmpty)
            #expect(try await StatementExport.lines(stores: reel.app.stores, since: Date().addingTimeInterval(60), region: nil).isEmpty)
        }
    }
}
