import Foundation
import ReelCore

/// Removes personal data from the free text of a statement of reasons before it leaves the platform
/// (DSA Art. 24(5): submissions to the transparency database must not contain personal data; its
/// documentation asks platforms to be "particularly careful with free text fields").
///
/// Replaced by `[redacted]`: the names the caller knows (the affected user's handle and display name,
/// the reporter's), e-mail addresses, `@mentions`, web addresses, phone-like digit runs and Reel IDs.
public struct PersonalDataRedactor: Sendable {
    /// What replaces each piece of personal data.
    public static let placeholder = "[redacted]"
    /// Names to remove wherever they occur (compared case-insensitively); blank ones are ignored.
    public var knownNames: [String]

    /// Creates a redactor that also removes these names.
    public init(knownNames: [String] = []) {
        self.knownNames = knownNames.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { $0.count >= 2 }
    }

    /// The text without personal data.
    /// - Complexity: O(n · k) for n characters and k known names.
    public func redact(_ text: String) -> String {
        var result = text
        // Addresses and mentions first: a handle inside an e-mail address must not leave the domain behind.
        result.replace(/[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}/, with: Self.placeholder)
        result.replace(/[A-Za-z][A-Za-z0-9+.\-]*:\/\/\S+/, with: Self.placeholder)
        result.replace(/@[A-Za-z0-9_.]+/, with: Self.placeholder)
        // Phone numbers: runs of at least 8 digits with separators; a date (2026-11-01) is not one.
        result.replace(/\+?\d[\d ().\-]{6,}\d/) { match in
            let run = match.output
            return run.filter(\.isNumber).count >= 8 && run.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil ? Self.placeholder[...] : run
        }
        for name in knownNames.sorted(by: { $0.count > $1.count }) {
            result = result.replacing(name, with: Self.placeholder, ignoringCase: true)
        }
        return result.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let core = word.trimmingCharacters(in: .punctuationCharacters)
            guard core.count == 13, core.contains(where: \.isNumber), ReelID(core.lowercased()) != nil else { return String(word) }
            return word.replacingOccurrences(of: core, with: Self.placeholder)
        }.joined(separator: " ")
    }
}

private extension String {
    func replacing(_ target: String, with replacement: String, ignoringCase: Bool) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target, options: ignoringCase ? [.caseInsensitive] : []) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
