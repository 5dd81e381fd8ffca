import Foundation
import ReelCore
import ReelSafety
import ReelStore

/// The public transparency report of a region (`GET /v1/moderation/report`; issue 13 item 8): counts
/// of the region's case reports, decisions, appeals and reversals in a calendar month, and the
/// median time from a case's first report to a decision. Computed by ``TransparencyReport`` from
/// the region's case rows and every region's appeals about its cases.
struct ModerationReportService: Sendable {
    /// Each region's cases and decisions.
    let history: RegionDirectory<any ModerationHistory>
    /// Each region's appeals (appellants live anywhere).
    let appeals: RegionDirectory<any AppealStore>

    /// The report of `region` for `period` (`YYYY-MM`, UTC; default: the current month).
    /// - Throws: ``ReelError`` 400 `invalid_region` (missing), `invalid_period`; 404 `not_found` for an unknown region.
    func report(region: String?, period: String?, now: Date = Date()) async throws -> TransparencyReport {
        guard let region = region?.lowercased(), !region.isEmpty else {
            throw ReelError.badRequest("Name the region of the report, e.g. ?region=eu.", code: "invalid_region")
        }
        guard let store = history.store(for: RegionCode(region)) else { throw ReelError.notFound("region") }
        let month = period ?? String(now.ISO8601Format().prefix(7))
        guard let (from, to) = TransparencyReport.month(month) else {
            throw ReelError.badRequest("The period must be a month written YYYY-MM, e.g. 2026-11.", code: "invalid_period")
        }
        var appealed: [Appeal] = []
        for appealStore in appeals.all {
            appealed += try await appealStore.appeals(caseRegion: RegionCode(region), activeFrom: from, to: to)
        }
        return TransparencyReport(region: RegionCode(region), from: from, to: to, reports: try await store.receivedReports(from: from, to: to),
                                  actions: try await store.takenActions(from: from, to: to), appeals: appealed)
    }
}
