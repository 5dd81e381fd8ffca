import Foundation
import ReelCore

/// One moderation case: every report about one video, comment or account collapsed into one item of
/// the content's region's queue, with what the queue orders by. Lives in the content's region and
/// names no reporter (its reports are ``CaseReport``s).
///
/// A target has at most one open case; a report about a target whose case is closed opens a new one.
public struct ModerationCase: Sendable, Equatable {
    /// Whether a moderator has decided the case.
    public enum State: String, Sendable, Codable, CaseIterable {
        case open, closed
    }

    /// The case's ID, made in the content's region.
    public var id: ReelID
    /// What the case is about.
    public var target: ModerationTarget
    /// Open until a moderator acts.
    public var state: State
    /// How the case ended (nil while open): what its reporters see as their report's status.
    public var outcome: ReportStatus?
    /// The distinct categories of its reports, most severe first.
    public var categories: [ReportCategory]
    /// The highest severity among its categories (``ReportCategory/severity``).
    public var severity: Int
    /// How many reports it collected.
    public var reportCount: Int
    /// Distinct viewers of the content in the 24 hours before ``reachCheckedAt``.
    public var reach24h: Int
    /// When ``reach24h`` was last counted.
    public var reachCheckedAt: Date
    /// ``CasePriority/priority(severity:reportCount:reach:)`` of the above.
    public var priority: Int
    /// When the first report arrived.
    public var createdAt: Date
    /// When a report, reach count or decision last changed it.
    public var updatedAt: Date

    /// Creates a case.
    public init(id: ReelID, target: ModerationTarget, state: State = .open, outcome: ReportStatus? = nil, categories: [ReportCategory],
                reportCount: Int, reach24h: Int, reachCheckedAt: Date, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.target = target
        self.state = state
        self.outcome = outcome
        self.categories = categories
        self.severity = categories.map(\.severity).max() ?? 1
        self.reportCount = reportCount
        self.reach24h = reach24h
        self.reachCheckedAt = reachCheckedAt
        self.priority = CasePriority.priority(severity: severity, reportCount: reportCount, reach: reach24h)
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The status its reports show: ``outcome`` once closed, `open` before.
    public var reportStatus: ReportStatus { outcome ?? .open }

    /// Categories ordered most severe first, then by name: the order ``categories`` is kept in.
    public static func ordered(_ categories: some Sequence<ReportCategory>) -> [ReportCategory] {
        Set(categories).sorted { ($0.severity, $1.rawValue) > ($1.severity, $0.rawValue) }
    }
}

/// A position in a region's queue (priority, then ID, both descending), for keyset pagination.
public struct CaseQueuePosition: Sendable, Hashable {
    /// The last case's priority.
    public var priority: Int
    /// The last case's ID.
    public var id: ReelID

    /// Creates a position.
    public init(priority: Int, id: ReelID) {
        self.priority = priority
        self.id = id
    }
}
