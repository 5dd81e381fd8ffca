import Foundation
import ReelCore

/// A region's moderation in one calendar month, for everyone to read (DSA Art. 15 and 24 transparency
/// reporting): reports received by category, decisions by type and by rule, appeals and reversals, and
/// the median time from a case's first report to a decision. Counts only, nothing about a person.
public struct TransparencyReport: Sendable, Equatable, Encodable {
    /// Reports received in the period.
    public struct Reports: Sendable, Equatable, Encodable {
        public var total: Int
        /// Every report category, zero when none was received.
        public var byCategory: [String: Int]
    }

    /// Moderation decisions taken in the period.
    public struct Actions: Sendable, Equatable, Encodable {
        /// Every action kind (dismissals included), zero when none was taken.
        public var byType: [String: Int]
        /// Decisions citing each guidelines rule (rules cited at least once).
        public var byRule: [String: Int]
    }

    /// Appeals filed in the period, and those decided in it.
    public struct Appeals: Sendable, Equatable, Encodable {
        public var total: Int
        public var upheld: Int
        public var rejected: Int
    }

    /// One report, as the report counts need it.
    public struct ReceivedReport: Sendable {
        public var category: ReportCategory
        public var createdAt: Date
        /// Creates a report summary.
        public init(category: ReportCategory, createdAt: Date) {
            self.category = category
            self.createdAt = createdAt
        }
    }

    /// One moderation decision, as the action counts need it.
    public struct TakenAction: Sendable {
        public var kind: ModerationActionKind
        public var ruleID: String
        public var createdAt: Date
        /// When the case it was taken on was first reported.
        public var caseFirstReportedAt: Date?
        /// Creates a decision summary.
        public init(kind: ModerationActionKind, ruleID: String, createdAt: Date, caseFirstReportedAt: Date?) {
            self.kind = kind
            self.ruleID = ruleID
            self.createdAt = createdAt
            self.caseFirstReportedAt = caseFirstReportedAt
        }
    }

    public var region: RegionCode
    /// Start of the period (inclusive).
    public var from: Date
    /// End of the period (exclusive).
    public var to: Date
    public var reports: Reports
    public var actions: Actions
    public var appeals: Appeals
    /// Restrictions reversed in the period because an appeal against them was upheld.
    public var reversals: Int
    /// Median seconds from a case's first report to a decision on it, over the decisions of the
    /// period; nil when there were none.
    public var medianSecondsToAction: Double?

    /// Computes the report of `region` for the period `[from, to)` from rows that may span more than it
    /// (rows outside the period are ignored).
    /// - Complexity: O(n log n) for n actions (the median sorts), O(n) otherwise.
    public init(region: RegionCode, from: Date, to: Date, reports: [ReceivedReport], actions: [TakenAction], appeals: [Appeal]) {
        let period = from..<to
        self.region = region
        self.from = from
        self.to = to
        var byCategory = Dictionary(uniqueKeysWithValues: ReportCategory.allCases.map { ($0.rawValue, 0) })
        let received = reports.filter { period.contains($0.createdAt) }
        for report in received { byCategory[report.category.rawValue, default: 0] += 1 }
        self.reports = Reports(total: received.count, byCategory: byCategory)
        var byType = Dictionary(uniqueKeysWithValues: ModerationActionKind.allCases.map { ($0.rawValue, 0) })
        var byRule: [String: Int] = [:]
        let taken = actions.filter { period.contains($0.createdAt) }
        for action in taken {
            byType[action.kind.rawValue, default: 0] += 1
            if !action.ruleID.isEmpty { byRule[action.ruleID, default: 0] += 1 }
        }
        self.actions = Actions(byType: byType, byRule: byRule)
        let decided = appeals.filter { appeal in appeal.decidedAt.map(period.contains) ?? false }
        self.appeals = Appeals(total: appeals.filter { period.contains($0.createdAt) }.count,
                               upheld: decided.filter { $0.status == .upheld }.count,
                               rejected: decided.filter { $0.status == .rejected }.count)
        reversals = decided.filter { $0.status == .upheld && $0.statementID != nil }.count
        medianSecondsToAction = Self.median(taken.compactMap { action in
            action.caseFirstReportedAt.map { max(0, action.createdAt.timeIntervalSince($0)) }
        })
    }

    /// The median of `values` (the mean of the middle two for an even count); nil when empty.
    /// - Complexity: O(n log n).
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// The UTC calendar month `YYYY-MM` as `[from, to)`, or nil when the text is not such a month.
    public static func month(_ text: String) -> (from: Date, to: Date)? {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})/), let year = Int(match.1), let month = Int(match.2),
              (1...12).contains(month), (2000...9999).contains(year) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let from = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
              let to = calendar.date(byAdding: .month, value: 1, to: from) else { return nil }
        return (from, to)
    }
}
