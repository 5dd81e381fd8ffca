/// Where a report stands, as its reporter sees it: read from the moderation case it joined.
public enum ReportStatus: String, Sendable, Codable, CaseIterable {
    /// The case waits for a moderator.
    case open
    /// A moderator restricted the content or account (any action but dismiss).
    case actioned
    /// A moderator found no violation.
    case dismissed
    /// The decision is under appeal.
    case appealed
}
