import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ReelCore
@testable import ReelServer
import ReelSafety
import ReelStore
import Testing

/// Community guidelines per region, and reports: one case per reported thing with a count, repeats
/// collapsed, anonymous reports only for illegal content, the reporter's view of the status, and a
/// case that names no reporter.
@Suite("Guidelines and reports", .dropsEngineScratch)
struct ReportHTTPTests {
    @Test("each region serves its guidelines with a version and rule IDs; a new version file is served at once; unknown region 404")
    func guidelinesPerRegion() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        try await t.test { client in
            let us = try await client.send(.get, "/v1/guidelines?region=us").decode(GuidelinesBody.self)
            #expect(us.region == "us" && us.version == "2026-11-01")
            #expect(us.publishedAt == Date(timeIntervalSince1970: 1_793_491_200))
            #expect(us.rules.contains { $0.id == "us-hate-1" && $0.title == "Hateful conduct" })
            #expect(us.rules.allSatisfy { $0.id.hasPrefix("us-") })
            #expect(us.reportCategories.first { $0.id == "illegal_content" }?.anonymousAllowed == true)
            #expect(us.reportCategories.first { $0.id == "hate" }?.anonymousAllowed == false)
            let eu = try await client.send(.get, "/v1/guidelines?region=eu").decode(GuidelinesBody.self)
            #expect(eu.rules.contains { $0.id == "eu-misinfo-1" } && eu.markdown.contains("Digital Services Act"))
            // Signed out: global; signed in: the caller's home region.
            #expect(try await client.send(.get, "/v1/guidelines").decode(GuidelinesBody.self).region == "global")
            let emma = try await client.signUp("emma", country: "FR")
            #expect(try await client.send(.get, "/v1/guidelines", headers: emma.headers).decode(GuidelinesBody.self).region == "eu")
            let unknown = try await client.send(.get, "/v1/guidelines?region=mars")
            #expect(unknown.status == .notFound && unknown.errorCode == "not_found")

            // The EU team publishes a new version: it is in force from the next request.
            let file = t.configuration.guidelinesDirectory.appendingPathComponent("eu/2026-12-01.md")
            try Data("# EU rules\n\n## eu-scam-7: Romance scams\nNo romance scams.\n".utf8).write(to: file)
            let next = try await client.send(.get, "/v1/guidelines?region=eu").decode(GuidelinesBody.self)
            #expect(next.version == "2026-12-01" && next.rules.map(\.id) == ["eu-scam-7"])
        }
    }

    @Test("reports on one video collapse into one case with a count; a repeat is the same report; the reporter sees the status",
          arguments: TestEngine.all)
    func reportsCollapse(engine: TestEngine) async throws {
        let t = try await TestApp.make(engine)
        defer { t.cleanUp() }
        try await t.test { client in
            let cara = try await client.signUp("cara")
            let video = try await client.publishClip(as: cara, caption: "reported #clip")
            let bob = try await client.signUp("bob", country: "DE")
            let dan = try await client.signUp("dan")
            // Two distinct viewers in the last 24 hours (one of them twice): the case's reach is 2.
            for (viewer, event) in [(dan, "w1"), (dan, "w2"), (bob, "w3")] {
                let watched = try await client.send(.post, "/v1/events", headers: viewer.headers, json: """
                    {"events":[{"id":"\(event)","videoID":"\(video.id)","watchedMs":900,"durationMs":1000,"completed":false,"replayed":false}]}
                    """)
                #expect(watched.status.code / 100 == 2, "\(watched.text)")
            }
            let first = try await client.report("video", video.id, category: "hate", by: bob)
            #expect(first.status == .created)
            let bobReport = try first.decode(ReportBody.self)
            #expect(bobReport.status == "open" && bobReport.category == "hate" && bobReport.targetID == "\(video.id)")
            let again = try await client.report("video", video.id, category: "spam", explanation: "again", by: bob)
            #expect(again.status == .ok, "a repeat is idempotent: \(again.text)")
            #expect(try again.decode(ReportBody.self).id == bobReport.id)
            let danReport = try await client.reported("video", video.id, category: "misinformation", by: dan)
            #expect(danReport.caseID == bobReport.caseID, "both reports are one case")

            let store = try t.app.stores.router.store(for: video.id)
            let caseID = try #require(ReelID(bobReport.caseID))
            let moderationCase = try #require(try await store.moderationCase(id: caseID))
            #expect(moderationCase.reportCount == 2)
            #expect(moderationCase.categories.map(\.rawValue) == ["hate", "misinformation"])
            #expect(moderationCase.severity == 3)
            #expect(moderationCase.reach24h == 2)

            // The case's moderator plays the reported video; another region's moderator cannot.
            let moderator = try await t.staffHeaders(client, region: "us", role: "moderator", handle: "mira")
            let media = try await client.send(.get, "/v1/moderation/cases/\(caseID)/media", headers: moderator)
            #expect(media.status == .ok || media.status == .found, "\(media.status)")
            let caseView = try await client.send(.get, "/v1/moderation/cases/\(caseID)", headers: moderator).decode(CaseBody.self)
            #expect(caseView.target.video?.id == "\(video.id)" && caseView.mediaURL == "/v1/moderation/cases/\(caseID)/media")
            let foreign = try await t.staffHeaders(client, region: "eu", role: "moderator", handle: "enzo")
            #expect(try await client.send(.get, "/v1/moderation/cases/\(caseID)/media", headers: foreign).status == .notFound)

            let mine = try await client.send(.get, "/v1/me/reports", headers: bob.headers)
            #expect(mine.status == .ok)
            let items = try mine.decode(Page<ReportBody>.self).items
            #expect(items.map(\.id) == [bobReport.id] && items.first?.status == "open")
            #expect(try await client.send(.get, "/v1/me/reports").status == .unauthorized)
        }
    }

    @Test("anonymous reports only for illegal content; good faith, category, target and length are checked")
    func anonymousAndValidation() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        try await t.test { client in
            let ana = try await client.signUp("ana")
            let anonymousHate = try await client.report("account", ana.id, category: "hate", by: nil)
            #expect(anonymousHate.status == .unauthorized && anonymousHate.errorCode == "unauthorized")
            let anonymousIllegal = try await client.report("account", ana.id, category: "illegal_content", by: nil)
            #expect(anonymousIllegal.status == .created, "\(anonymousIllegal.text)")
            #expect(try anonymousIllegal.decode(ReportBody.self).status == "open")
            #expect(try await client.report("account", ana.id, category: "child_safety", by: nil).status == .created)

            let bob = try await client.signUp("bob")
            let noFaith = try await client.report("account", ana.id, category: "spam", by: bob, goodFaith: false)
            #expect(noFaith.status == .badRequest && noFaith.errorCode == "good_faith_required")
            let badCategory = try await client.report("account", ana.id, category: "rudeness", by: bob)
            #expect(badCategory.status == .badRequest && badCategory.errorCode == "invalid_category")
            let badType = try await client.report("song", ana.id, category: "spam", by: bob)
            #expect(badType.status == .badRequest && badType.errorCode == "invalid_target_type")
            let nobody = try await client.report("video", ReelID(unixMilliseconds: 1, regionIndex: 1, sequence: 1), category: "spam", by: bob)
            #expect(nobody.status == .notFound && nobody.errorCode == "not_found")
            let long = try await client.report("account", ana.id, category: "spam", explanation: String(repeating: "x", count: 2001), by: bob)
            #expect(long.status == .unprocessableContent && long.errorCode == "explanation_too_long")
            let malformed = try await client.send(.post, "/v1/reports", headers: bob.headers, json: "{\"targetType\":3}")
            #expect(malformed.status.code / 100 == 4 && malformed.errorCode != nil)

            let moderationCase = try #require(try await t.app.stores.router.store(for: ana.id)
                .moderationCases(state: .open, after: nil, limit: 10).first)
            #expect(moderationCase.reportCount == 2, "two anonymous reports, each counted")
            #expect(moderationCase.severity == 5)
        }
    }

    @Test("nobody reports their own account, an account a block stands between, or a suspended one")
    func onlyAccountsTheReporterMaySee() async throws {
        let t = try await TestApp.make()
        defer { t.cleanUp() }
        try await t.test { client in
            let ana = try await client.signUp("ana"), bob = try await client.signUp("bob"), cleo = try await client.signUp("cleo")
            let own = try await client.report("account", ana.id, category: "spam", by: ana)
            #expect(own.status == .badRequest && own.errorCode == "cannot_report_self")
            #expect(try await client.send(.put, "/v1/users/bob/block", headers: ana.headers).status == .ok)
            #expect(try await client.report("account", ana.id, category: "harassment", by: bob).status == .notFound, "the blocked reporting the blocker")
            #expect(try await client.report("account", bob.id, category: "harassment", by: ana).status == .notFound, "the blocker reporting the blocked")
            _ = try await t.app.moderationActions.apply(.suspend, to: .init(kind: .account, id: cleo.id), ruleID: "us-spam-1",
                                                        guidelinesVersion: "2026-11-01", facts: "Spam.", durationDays: 2,
                                                        moderator: t.app.ids.newID(in: try t.app.ids.region(of: cleo.id)))
            #expect(try await client.report("account", cleo.id, category: "spam", by: bob).status == .notFound)
        }
    }

    @Test("the case in the content's region names no reporter; the report with the reporter stays in the reporter's region",
          arguments: TestEngine.all)
    func caseHoldsNoReporter(engine: TestEngine) async throws {
        let t = try await TestApp.make(engine)
        defer { t.cleanUp() }
        let (cara, bob, report) = try await t.test { client in
            let cara = try await client.signUp("cara")
            let bob = try await client.signUp("bob_reporter", country: "DE")
            let report = try await client.reported("account", cara.id, category: "harassment", by: bob)
            return (cara, bob, report)
        }
        let caseID = try #require(ReelID(report.caseID))
        #expect(t.app.ids.regions.region(of: caseID)?.code == "us")
        #expect(t.app.ids.regions.region(of: try #require(ReelID(report.id)))?.code == "eu")
        let bobBits = "\(Int64(bitPattern: bob.id.rawValue))"
        switch engine {
        case .sqlite:
            let us = try ResidencyTests.dump(RegionRouter.sqliteURL(t.directory, "us"))
            #expect(us["moderationCases"]?.count == 1 && us["caseReports"]?.count == 1)
            #expect(!ResidencyTests.contains(us, id: bob.id), "the US store mentions the EU reporter's ID")
            #expect(!ResidencyTests.contains(us, text: "bob_reporter"))
            #expect(us["reports"]?.isEmpty == true)
            let eu = try ResidencyTests.dump(RegionRouter.sqliteURL(t.directory, "eu"))
            #expect(eu["reports"]?.count == 1 && ResidencyTests.contains(eu, id: bob.id))
            #expect(eu["caseReports"]?.isEmpty == true && eu["moderationCases"]?.isEmpty == true)
        case .postgres:
            let schema = try #require(t.postgresSchema)
            let us = try await PostgresTestServer.withConnection(to: PostgresTestServer.database(of: "us")) {
                try await PostgresTestServer.dump(schema, on: $0)
            }
            #expect(us["moderation_cases"]?.count == 1 && us["case_reports"]?.count == 1)
            #expect(!us.values.joined().contains { PostgresTestServer.row($0, mentions: bob.id) || $0.contains("bob_reporter") })
            #expect(us["reports"]?.isEmpty == true)
            let eu = try await PostgresTestServer.withConnection(to: PostgresTestServer.database(of: "eu")) {
                try await PostgresTestServer.dump(schema, on: $0)
            }
            #expect(eu["reports"]?.count == 1 && eu["reports"]?.first?.contains(bobBits) == true)
            #expect(eu["case_reports"]?.isEmpty == true)
        }
        // The reporter erases their account: their report goes; the case keeps its count and names nobody still.
        try await t.test { client in
            let erased = try await client.send(.delete, "/v1/me", headers: bob.headers, json: #"{"password":"correct horse battery"}"#)
            #expect(erased.status == .noContent, "\(erased.text)")
        }
        let euStore = try #require(t.app.stores.router.store(for: "eu"))
        #expect(try await euStore.reports(reporter: bob.id, before: nil, limit: 10).isEmpty)
        let usStore = try #require(t.app.stores.router.store(for: "us"))
        #expect(try await usStore.moderationCase(id: caseID)?.reportCount == 1)
        #expect(try await usStore.caseReports(caseID: caseID).map(\.category) == [.harassment])
        _ = cara
    }

    @Test("one client address counts once per target in anonymous reports (each answered 201 with the first report as stored); the case's region keeps a keyed hash, never the address",
          arguments: TestEngine.all)
    func anonymousReportsCountOncePerAddress(engine: TestEngine) async throws {
        let t = try await TestApp.make(engine) { $0.trustedProxies = ["127.0.0.1", "::1"] }
        defer { t.cleanUp() }
        var logger = Logger(label: "reel.test.live")
        logger.logLevel = .warning
        let (first, second) = ("203.0.113.41", "198.51.100.42")
        let target = try await t.test { client in try await client.signUp("reported_one", country: "US") }
        let caseID = try await PoolsRunOutside(buildApplication(t.app, logger: logger)).test(.live) { client in
            func report(_ category: String, from address: String, explanation: String = "Look.") async throws -> ReportBody {
                let response = try await client.execute(uri: "/v1/reports", method: .post,
                                                        headers: [.contentType: "application/json", .xForwardedFor: address], body: ByteBuffer(string: """
                    {"targetType":"account","targetID":"\(target.id)","category":"\(category)","explanation":"\(explanation)","goodFaith":true}
                    """))
                #expect(response.status == .created, "\(response.text)")
                return try JSONDecoder().decode(ReportBody.self, from: Data(response.body.readableBytesView))
            }
            let filed = try await report("illegal_content", from: first, explanation: "anon 1")
            for (n, category) in ["illegal_content", "child_safety", "violent_extremism", "illegal_content"].enumerated() {
                let again = try await report(category, from: first, explanation: "anon repeat \(n)")
                #expect(again.id == filed.id && again.caseID == filed.caseID, "a repeat from one address is the first report")
                #expect(again.category == "illegal_content" && again.explanation == "anon 1",
                        "a repeat answers the stored report, not what it sent: \(again)")
            }
            let other = try await report("child_safety", from: second)
            #expect(other.id != filed.id && other.caseID == filed.caseID)
            return try #require(ReelID(filed.caseID))
        }
        let store = try t.app.stores.router.store(for: caseID)
        let moderationCase = try #require(try await store.moderationCase(id: caseID))
        #expect(moderationCase.reportCount == 2, "two addresses, two reports, however often the first one sent")
        #expect(moderationCase.categories == [.childSafety, .illegalContent])
        #expect(try await store.caseReports(caseID: caseID).count == 2)
        switch engine {
        case .sqlite:
            let us = try ResidencyTests.dump(RegionRouter.sqliteURL(t.directory, "us"))
            #expect(us["anonymousReporters"]?.count == 2)
            for address in [first, second] { #expect(!ResidencyTests.contains(us, text: address), "the US store holds \(address)") }
        case .postgres:
            let schema = try #require(t.postgresSchema)
            let us = try await PostgresTestServer.withConnection(to: PostgresTestServer.database(of: "us")) {
                try await PostgresTestServer.dump(schema, on: $0)
            }
            #expect(us["anonymous_reporters"]?.count == 2)
            for address in [first, second] { #expect(!us.values.joined().contains { $0.contains(address) }, "the US store holds \(address)") }
        }
    }
}
