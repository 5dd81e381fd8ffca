import Foundation

/// The moderation queue's order: a case's priority from the severity of its worst report category,
/// how many reports it collected and its reach (distinct viewers in the last 24 hours).
///
/// `priority = 1000 · severity + min(999, ⌊50 · log2(1 + reports) + 25 · log2(1 + reach)⌋)`.
/// Severity always dominates (the second term stays below 1000), so a child-safety report is never
/// buried under viral spam; within a severity, more reports and a wider audience move a case up,
/// with diminishing returns (the logarithm), so that neither a brigade of reporters nor one viral
/// video pushes everything else out. The term saturates only beyond about a thousand reports and a
/// million viewers together.
public enum CasePriority {
    /// The priority of a case, higher first.
    /// - Parameters:
    ///   - severity: the highest ``ReportCategory/severity`` among its reports, 1…5.
    ///   - reportCount: how many reports it collected (≥ 1).
    ///   - reach: distinct viewers of the reported content in the last 24 hours (≥ 0).
    public static func priority(severity: Int, reportCount: Int, reach: Int) -> Int {
        let reports = 50 * log2(1 + Double(max(reportCount, 0)))
        let audience = 25 * log2(1 + Double(max(reach, 0)))
        return 1000 * severity + min(999, Int(reports + audience))
    }
}
