import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
@testable import ReelServer
import Testing

/// Reports and moderation cases over HTTP, as the report form and the moderator console send them.
extension TestClientProtocol {
    /// Files a report (`reporter` nil: anonymous) and returns the response.
    func report(_ targetType: String, _ targetID: ReelID, category: String, explanation: String = "Please look at this.",
                by reporter: TestUser?, goodFaith: Bool = true) async throws -> TestResponse {
        try await send(.post, "/v1/reports", headers: reporter?.headers ?? [:], json: """
            {"targetType":"\(targetType)","targetID":"\(targetID)","category":"\(category)","explanation":"\(explanation)","goodFaith":\(goodFaith)}
            """)
    }

    /// Files a report that must be accepted (201, or 200 for a repeat) and returns it.
    func reported(_ targetType: String, _ targetID: ReelID, category: String, by reporter: TestUser?) async throws -> ReportBody {
        let response = try await report(targetType, targetID, category: category, by: reporter)
        #expect(response.status == .created || response.status == .ok, "report refused: \(response.text)")
        return try response.decode(ReportBody.self)
    }
}

extension TestApp {
    /// Adds a staff member of `role` in `region` and signs them in; returns their request headers.
    func staffHeaders(_ client: any TestClientProtocol, region: String, role: String, handle: String) async throws -> HTTPFields {
        let totp = try await addStaff(region: region, role: role, handle: handle)
        return [.authorization: "Bearer \(try await client.staffToken(region: region, handle: handle, totp: totp))"]
    }
}

struct ReportBody: Codable {
    var id: String
    var targetType: String
    var targetID: String
    var category: String
    var explanation: String
    var status: String
    var caseID: String
}

struct CaseSummaryBody: Codable {
    var id: String
    var region: String
    var targetType: String
    var targetID: String
    var state: String
    var reportCount: Int
    var categories: [String]
    var severity: Int
    var reach24h: Int
    var priority: Int
}

struct CaseBody: Codable {
    struct Report: Codable {
        var category: String
        var explanation: String
    }
    struct Action: Codable {
        var action: String
        var ruleID: String
        var guidelinesVersion: String
        var moderatorID: String
        var statementID: String?
    }
    struct Target: Codable {
        struct Account: Codable { var handle: String }
        struct Video: Codable { var id: String }
        var account: Account?
        var video: Video?
    }
    var id: String
    var state: String
    var reportCount: Int
    var target: Target
    var mediaURL: String?
    var reports: [Report]
    var actions: [Action]
}

struct GuidelinesBody: Codable {
    struct Rule: Codable {
        var id: String
        var title: String
    }
    struct Category: Codable {
        var id: String
        var title: String
        var anonymousAllowed: Bool
    }
    var region: String
    var version: String
    var publishedAt: Date
    var markdown: String
    var rules: [Rule]
    var reportCategories: [Category]
}
