import Foundation
import ReelCore

/// A creator's comment keyword filter: comments on their videos that contain one of the keywords
/// are hidden from everyone but the comment's author (TikTok's "filter keywords").
///
/// Matching is case- and diacritic-insensitive and word-aware: a keyword matches where it starts
/// and ends at a word boundary (the neighbouring characters are not letters or digits), so "bad"
/// matches "so BAD!" but not "badge"; a keyword of several words matches them in sequence, however
/// much white space separates them.
public struct CommentFilter: Sendable, Equatable {
    /// Most keywords a creator may set.
    public static let maxKeywords = 50
    /// Longest keyword, in characters.
    public static let maxKeywordLength = 40

    /// The keywords as the creator set them (trimmed, duplicates removed, in order).
    public let keywords: [String]
    private let folded: [String]

    /// Checks and normalises keywords: each trimmed, non-empty, at most ``maxKeywordLength``
    /// characters; at most ``maxKeywords`` of them; duplicates (ignoring case) dropped.
    /// - Throws: ``ReelError`` 422 `invalid_keywords`.
    public init(validating raw: [String]) throws {
        guard raw.count <= Self.maxKeywords else {
            throw ReelError.invalid("A comment filter holds at most \(Self.maxKeywords) keywords.", code: "invalid_keywords")
        }
        var seen: Set<String> = []
        var kept: [String] = []
        for keyword in raw {
            let trimmed = keyword.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...Self.maxKeywordLength).contains(trimmed.count), !trimmed.contains(where: { $0.isNewline }) else {
                throw ReelError.invalid("Each keyword must be 1–\(Self.maxKeywordLength) characters on one line.", code: "invalid_keywords")
            }
            if seen.insert(Self.fold(trimmed)).inserted { kept.append(trimmed) }
        }
        self.init(keywords: kept)
    }

    /// A filter of keywords already checked (as stored).
    public init(keywords: [String]) {
        self.keywords = keywords
        folded = keywords.map(Self.fold).filter { !$0.isEmpty }
    }

    /// Whether `body` contains one of the keywords as whole words.
    /// - Complexity: O(k · n) for k keywords and a body of n characters.
    public func matches(_ body: String) -> Bool {
        guard !folded.isEmpty else { return false }
        let text = Self.fold(body)
        return folded.contains { Self.containsWord($0, in: text) }
    }

    private static func containsWord(_ keyword: String, in text: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: keyword, range: searchStart..<text.endIndex) {
            let startsWord = range.lowerBound == text.startIndex || !isWordCharacter(text[text.index(before: range.lowerBound)])
            let endsWord = range.upperBound == text.endIndex || !isWordCharacter(text[range.upperBound])
            if startsWord && endsWord { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    private static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }

    /// Case, diacritics and width folded; runs of white space made one space.
    private static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
