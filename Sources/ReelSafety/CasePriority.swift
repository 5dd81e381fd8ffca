import Foundation

/// The moderation queue's order: a case's priority from the severity of its worst report category,
/// how many reports it collected and its reach (distinct viewers in the last 24 hours).
///
/// `priority = 1000 · severity + 100 · log2(1 + reports) + 50 · log2(1 + reach)`, rounded down.
/// Severity dominates: one step of severity (1000) outweighs 1023 reports or a million viewers, so
/// a child-safety report is never buried under viral spam; within a severity, many reports and a
/// wide audience move a case up, with diminishing returns (the logarithm), so that neither a
/// brigade of reporters nor a viral video can push everything else out.
public enum CasePriority {
    /// The priority of a case, higher first.
    /// - Parameters:
    ///   - severity: the highest ``ReportCategory/severity`` among its reports, 1…5.
    ///   - reportCount: how many reports it collected (≥ 1).
    ///   - reach: distinct viewers of the reported content in the last 24 hours (≥ 0).
    public static func priority(severity: Int, reportCount: Int, reach: Int) -> Int {
        let reports = 100 * log2(1 + Double(max(reportCount, 0)))
        let audience = 50 * log2(1 + Double(max(reach, 0)))
        return 1000 * severity + Int(reports + audience)
    }
}
