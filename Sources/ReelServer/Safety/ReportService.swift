import Foundation
import ReelCore
import ReelSafety
import ReelStore

/// Files reports (notices under DSA Art. 16) and shows reporters their reports' status.
///
/// A signed-in reporter's ``Report`` is written in their home region; the case in the content's
/// region gets a ``CaseReport`` whose reference is the report's ID, never the reporter. A second
/// report by the same reporter on the same target is the first one again (idempotent). Anonymous
/// reports are taken only in categories where ``ReportCategory/allowsAnonymousReport``, and count
/// once per client address and target: the case's region keeps only a keyed hash of the two
/// (``RateLimiter/clientHash(of:scope:in:)``), never the address.
struct ReportService: Sendable {
    let stores: RegionDirectory<any ModerationStore>
    let socialStores: RegionDirectory<any SocialStore>
    let publicIndex: any PublicIndexStore
    let access: VideoAccess
    let ids: RegionIDs
    let reach: CaseReach
    /// Names an anonymous reporter's client address by a keyed hash (the rate limits' region key).
    let limiter: RateLimiter

    /// How long a client address's anonymous report on a target is remembered, in seconds (30 days):
    /// within it, more reports from the address on the target count nothing; after it, the keyed hash
    /// is deleted (an address is personal data, kept no longer than needed) and one more would count.
    static let anonymousMemory: TimeInterval = 30 * 86_400

    /// What a reporter sends.
    struct Filing: Sendable {
        var target: ModerationTarget
        var category: ReportCategory
        var explanation: String
    }

    /// A report with the status of its case.
    struct Filed: Sendable {
        var report: Report
        var status: ReportStatus
    }

    /// Files a report by `reporter` (nil: anonymous, from `address`) and returns it with whether it is
    /// new. An anonymous report from an address that reported the target before is that earlier report
    /// again, as stored (answered as new, so the caller learns nothing about earlier reports from the
    /// address); the repeat's category and explanation are not kept.
    /// - Throws: ``ReelError`` 401 `unauthorized` for an anonymous report in a category that needs an
    ///   account; 404 `not_found` when the target does not exist or the reporter may not see it.
    func file(_ filing: Filing, by reporter: ReelID?, address: String? = nil, now: Date = Date()) async throws -> (filed: Filed, isNew: Bool) {
        guard reporter != nil || filing.category.allowsAnonymousReport else {
            throw ReelError.unauthorized("Sign in to report \(filing.category.title.lowercased()); only illegal content can be reported without an account.")
        }
        try await requireVisible(filing.target, to: reporter)
        let contentRegion = try ids.region(of: filing.target.id)
        let contentStore = try stores.store(for: filing.target.id)
        guard let reporter else {
            var reference = ids.newID(in: contentRegion)
            let moderationCase: ModerationCase
            let scope = "anonymous-report|\(filing.target.kind.rawValue)|\(filing.target.id)"
            if let address, let clientHash = await limiter.clientHash(of: address, scope: scope, in: contentRegion.code) {
                (moderationCase, reference) = try await contentStore.fileAnonymousCaseReport(
                    caseReport(filing, reference: reference, now: now), clientHash: clientHash, target: filing.target,
                    newCaseID: ids.newID(in: contentRegion), reach: try await reach.reach(of: filing.target, now: now), at: now,
                    forgetBefore: now.addingTimeInterval(-Self.anonymousMemory))
            } else {
                moderationCase = try await fileOnCase(filing, reference: reference, in: contentStore, region: contentRegion, now: now)
            }
            // Not stored: an anonymous report exists only on the case. Its reference stands in for the
            // reporter, so the answer names nobody. A repeat is answered with the report on the case.
            let stored = try await contentStore.caseReports(caseID: moderationCase.id).first { $0.reporterRef == reference }
                ?? caseReport(filing, reference: reference, now: now)
            let report = Report(id: reference, reporterID: reference, target: filing.target, category: stored.category,
                                explanation: stored.explanation, createdAt: stored.createdAt, caseID: moderationCase.id)
            return (Filed(report: report, status: moderationCase.reportStatus), true)
        }
        let reporterStore = try stores.store(for: reporter)
        if let earlier = try await reporterStore.report(reporter: reporter, target: filing.target) {
            return (try await withStatus(earlier), false)
        }
        let reportID = ids.newID(in: try ids.region(of: reporter))
        let moderationCase = try await fileOnCase(filing, reference: reportID, in: contentStore, region: contentRegion, now: now)
        let (report, isNew) = try await reporterStore.insertReport(Report(id: reportID, reporterID: reporter, target: filing.target,
                                                                          category: filing.category, explanation: filing.explanation,
                                                                          createdAt: now, caseID: moderationCase.id))
        return (isNew ? Filed(report: report, status: moderationCase.reportStatus) : try await withStatus(report), isNew)
    }

    /// `reporter`'s reports, newest first, each with its case's status.
    func reports(of reporter: ReelID, before cursor: ReelID?, limit: Int) async throws -> [Filed] {
        var filed: [Filed] = []
        for report in try await stores.store(for: reporter).reports(reporter: reporter, before: cursor, limit: limit) {
            filed.append(try await withStatus(report))
        }
        return filed
    }

    private func fileOnCase(_ filing: Filing, reference: ReelID, in store: any ModerationStore, region: RegionDefinition,
                            now: Date) async throws -> ModerationCase {
        let reach = try await reach.reach(of: filing.target, now: now)
        return try await store.fileCaseReport(caseReport(filing, reference: reference, now: now), target: filing.target,
                                              newCaseID: ids.newID(in: region), reach: reach, at: now)
    }

    private func caseReport(_ filing: Filing, reference: ReelID, now: Date) -> CaseReport {
        CaseReport(reporterRef: reference, category: filing.category, explanation: filing.explanation, createdAt: now)
    }

    private func withStatus(_ report: Report) async throws -> Filed {
        let moderationCase = try await stores.store(for: report.caseID).moderationCase(id: report.caseID)
        return Filed(report: report, status: moderationCase?.reportStatus ?? .open)
    }

    /// Whether `viewer` may see what they report: a video they may view, a comment on one, an account
    /// with a profile that moderation does not hide and no block stands between (either way).
    /// - Throws: ``ReelError`` 404; 400 `cannot_report_self` for the reporter's own account.
    private func requireVisible(_ target: ModerationTarget, to viewer: ReelID?) async throws {
        switch target.kind {
        case .video:
            _ = try await access.visibleVideo(target.id, to: viewer)
        case .comment:
            guard let comment = try await socialStores.store(for: target.id).comment(id: target.id) else { throw ReelError.notFound("comment") }
            do { _ = try await access.visibleVideo(comment.videoID, to: viewer) } catch { throw ReelError.notFound("comment") }
        case .account:
            guard target.id != viewer else {
                throw ReelError.badRequest("You cannot report your own account.", code: "cannot_report_self")
            }
            guard let profile = try await publicIndex.profile(userID: target.id), !profile.isHidden(at: Date()) else {
                throw ReelError.notFound("account")
            }
            if let viewer, try await access.isBlocked(viewer, target.id) { throw ReelError.notFound("account") }
        }
    }
}
