import Foundation
import Logging
import ReelCore
import ReelSafety
import ReelStore

/// The moderation part of `reel seed`: one moderator per region, and a few reported demo cases in
/// every region's queue (reports by demo users of other regions), so the moderator console has work.
public enum DemoModeration {
    /// Password of every demo moderator.
    public static let moderatorPassword = "reel-demo-moderator-password"

    /// A demo moderator's sign-in.
    public struct Moderator: Sendable {
        public var region: String
        public var handle: String
        public var password: String
        /// The TOTP secret as an `otpauth://` URI (for an authenticator app).
        public var otpauthURI: String
    }

    /// Adds `mod_<region>` to every region, files the demo reports (after ``DemoSeeder`` made the demo
    /// users and videos) and writes the moderators' sign-in to `<dataDirectory>/demo-moderators.txt`
    /// (mode 0600). Returns the moderators, the number of cases and the file.
    /// - Throws: ``ReelError`` 409 `staff_handle_taken` when the data directory was seeded before.
    public static func seed(app: ReelApp, logger: Logger) async throws -> (moderators: [Moderator], cases: Int, file: URL) {
        var moderators: [Moderator] = []
        for region in app.configuration.regions.regions {
            let handle = "mod_\(region.code.rawValue)"
            let uri = try await StaffEnrolment.add(configuration: app.configuration, region: region.code.rawValue, role: "moderator",
                                                   handle: handle, password: moderatorPassword, logger: logger)
            moderators.append(Moderator(region: region.code.rawValue, handle: handle, password: moderatorPassword, otpauthURI: uri))
        }
        let cases = try await fileDemoReports(app: app)
        let file = app.configuration.dataDirectory.appendingPathComponent("demo-moderators.txt")
        let text = moderators.map { "region=\($0.region) handle=\($0.handle) password=\($0.password) totp=\($0.otpauthURI)" }
            .joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return (moderators, cases, file)
    }

    /// Per region: a demo video reported as misinformation by two users of other regions, another as
    /// hateful, and an account as spam. Returns how many cases were opened.
    static func fileDemoReports(app: ReelApp) async throws -> Int {
        let regions = app.configuration.regions.regions.map(\.code)
        var cases: Set<ReelID> = []
        for (index, region) in regions.enumerated() {
            let others = regions.indices.filter { $0 != index }.map { regions[$0] }
            var reporters: [ReelID] = []
            for other in others {
                if let profile = try await app.stores.publicIndex.profile(handle: "demo_\(other.rawValue)_1") { reporters.append(profile.userID) }
            }
            var creators: [ReelID] = []
            for number in 1...3 {
                if let profile = try await app.stores.publicIndex.profile(handle: "demo_\(region.rawValue)_\(number)") { creators.append(profile.userID) }
            }
            guard !reporters.isEmpty, !creators.isEmpty else { continue }
            let videos = try await app.stores.publicIndex.videos(createdBy: creators, before: nil, limit: 10)
            var filings: [(ModerationTarget, ReportCategory, String, ReelID)] = []
            if let first = videos.first {
                for reporter in reporters {
                    filings.append((ModerationTarget(kind: .video, id: first.id), .misinformation, "The caption's claim is false.", reporter))
                }
            }
            if videos.count > 1 {
                filings.append((ModerationTarget(kind: .video, id: videos[1].id), .hate, "Mocks a religious group at 0:02.", reporters[0]))
            }
            filings.append((ModerationTarget(kind: .account, id: creators[creators.count - 1]), .spam, "Posts the same link everywhere.",
                            reporters[reporters.count - 1]))
            for (target, category, explanation, reporter) in filings {
                let (filed, _) = try await app.reports.file(.init(target: target, category: category, explanation: explanation), by: reporter)
                cases.insert(filed.report.caseID)
            }
        }
        return cases.count
    }
}
