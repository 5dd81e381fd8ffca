import Foundation
import ReelCore

/// A creator's comment keyword filter: comments on their videos that contain one of the keywords
/// are hidden from everyone but the comment's author (TikTok's "filter keywords").
///
/// Matching is case- and diacritic-insensitive and word-aware: a keyword matches where it starts
/// and ends at a word boundary (the neighbouring characters are not letters or digits), so "bad"
/// matches "so BAD!" but not "badge"; a keyword of several words matches them in sequence, however
/// much white space separates them. Letters spelled out one at a time count as one word, so "bad"
/// also matches "b a d", "B.A.D" and "b-á-d" (``fold(_:)``, applied to keywords and comments alike).
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

    /// Case, diacritics and width folded; letters written one at a time with separators between
    /// them joined into one word ("B.a.D", "b a d", "b-á-d" all read "bad"); runs of white space made
    /// one space. Keywords and comments are folded alike, so a keyword written spaced matches too.
    private static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return joiningSpacedLetters(folded).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Longest separator (in characters) dropped between two single letters.
    private static let maxLetterSeparator = 3

    /// `text` with the separators dropped between single letters or digits that stand alone: a run
    /// such as "b . a . d" (each word one character, each separator at most ``maxLetterSeparator``
    /// characters on one line) becomes "bad"; everything else is kept as it is.
    /// - Complexity: O(n) for n characters.
    private static func joiningSpacedLetters(_ text: String) -> String {
        var runs: [(text: Substring, isWord: Bool)] = []
        var start = text.startIndex
        while start < text.endIndex {
            let isWord = isWordCharacter(text[start])
            let end = text[start...].firstIndex { isWordCharacter($0) != isWord } ?? text.endIndex
            runs.append((text[start..<end], isWord))
            start = end
        }
        func isSingle(_ index: Int) -> Bool { index < runs.count && runs[index].isWord && runs[index].text.count == 1 }
        var joined = ""
        var index = 0
        while index < runs.count {
            joined += runs[index].text
            let separator = index + 1 < runs.count ? runs[index + 1].text : ""
            if isSingle(index), isSingle(index + 2), separator.count <= maxLetterSeparator, !separator.contains(where: \.isNewline) {
                index += 2
            } else {
                index += 1
            }
        }
        return joined
    }
}
