import Foundation
import ReelCore

/// One version of a region's community guidelines: a Markdown document whose rules are headings
/// that start with a rule ID, e.g. `## us-hate-1: Hateful conduct`.
///
/// Versions are named by their publication date (`YYYY-MM-DD`, the file name without `.md`), so the
/// newest version is the one whose name sorts last. A rule ID is the region code, a topic and a
/// number, in lower case, joined by hyphens (`eu-misinfo-2`); every ID is unique within a version.
public struct Guidelines: Sendable, Equatable {
    /// One rule: its ID and the rest of its heading.
    public struct Rule: Sendable, Hashable, Codable {
        /// The rule's ID, e.g. `us-hate-1`.
        public var id: String
        /// The heading's text after the ID, e.g. `Hateful conduct`.
        public var title: String

        /// Creates a rule.
        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    /// The region the guidelines apply to.
    public var region: RegionCode
    /// The version, `YYYY-MM-DD`.
    public var version: String
    /// Midnight UTC of the version's date.
    public var publishedAt: Date
    /// The whole document.
    public var markdown: String
    /// The rules, in document order.
    public var rules: [Rule]

    /// Parses one version of `region`'s guidelines.
    /// - Throws: ``ReelError`` `invalid_guidelines` when the version is not a `YYYY-MM-DD` date, a rule
    ///   ID does not start with the region's code or is used twice, or the document has no rule.
    /// - Complexity: O(n) in the document's length.
    public static func parse(_ markdown: String, region: RegionCode, version: String) throws -> Guidelines {
        guard let publishedAt = publicationDate(of: version) else {
            throw invalid("The guidelines version \(version) of region \(region) is not a date of the form YYYY-MM-DD.")
        }
        var rules: [Rule] = []
        var seen: Set<String> = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let rule = rule(inHeading: line) else { continue }
            guard rule.id.hasPrefix("\(region.rawValue)-") else {
                throw invalid("The rule \(rule.id) in version \(version) of region \(region)'s guidelines must start with \(region.rawValue)-.")
            }
            guard seen.insert(rule.id).inserted else {
                throw invalid("The rule \(rule.id) appears twice in version \(version) of region \(region)'s guidelines.")
            }
            rules.append(rule)
        }
        guard !rules.isEmpty else { throw invalid("Version \(version) of region \(region)'s guidelines has no rule heading such as ## \(region.rawValue)-spam-1: Spam.") }
        return Guidelines(region: region, version: version, publishedAt: publishedAt, markdown: markdown, rules: rules)
    }

    /// The rule with `id`, if this version has it.
    public func rule(_ id: String) -> Rule? {
        rules.first { $0.id == id }
    }

    /// Midnight UTC of a `YYYY-MM-DD` version name, or nil when it is not one.
    public static func publicationDate(of version: String) -> Date? {
        let parts = version.split(separator: "-", omittingEmptySubsequences: false)
        guard version.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }

    /// The rule a Markdown heading line declares (`#`… then an ID, then `:` and the title), if any.
    static func rule(inHeading line: Substring) -> Rule? {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("#") else { return nil }
        let text = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let id = String(text[..<colon])
        guard isWellFormedID(id) else { return nil }
        return Rule(id: id, title: text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// Whether `id` is lower-case letters and digits in at least three hyphen-joined parts, the last a number.
    static func isWellFormedID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, last.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }
    }

    private static func invalid(_ message: String) -> ReelError {
        ReelError(.internal, code: "invalid_guidelines", message: message)
    }
}
