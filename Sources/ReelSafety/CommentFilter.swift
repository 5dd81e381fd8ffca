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
/// Invisible characters (zero-width spaces, joiners, soft hyphens, bidi controls) are dropped and
/// styled letters (𝐛𝐚𝐝, ⓑⓐⓓ, full width) read as plain ones (Unicode NFKC, UAX #15); punctuation,
/// symbols and emoji inside a word are read as absent too, so "ba-d", "b.ad" and "b🙂ad" match "bad".
/// Look-alike letters of other scripts (Cyrillic "а" for "a") are not matched: that needs the
/// confusables data of UTS #39.
public struct CommentFilter: Sendable, Equatable {
    /// Most keywords a creator may set.
    public static let maxKeywords = 50
    /// Longest keyword, in characters.
    public static let maxKeywordLength = 40

    /// The keywords as the creator set them (trimmed, duplicates removed, in order).
    public let keywords: [String]
    private let folded: [String]
    /// `folded` with punctuation and symbols inside words removed (``joiningWordParts(_:)``).
    private let joined: [String]

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
        joined = folded.map(Self.joiningWordParts)
    }

    /// Whether `body` contains one of the keywords as whole words.
    /// - Complexity: O(k · n) for k keywords and a body of n characters.
    public func matches(_ body: String) -> Bool {
        guard !folded.isEmpty else { return false }
        let text = Self.fold(body)
        if folded.contains(where: { Self.containsWord($0, in: text) }) { return true }
        let joinedText = Self.joiningWordParts(text)
        return joined.contains { Self.containsWord($0, in: joinedText) }
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

    /// Invisible characters dropped, compatibility forms (NFKC) mapped to plain ones, then case,
    /// diacritics and width folded; letters written one at a time with separators between
    /// them joined into one word ("B.a.D", "b a d", "b-á-d" all read "bad"); runs of white space made
    /// one space. Keywords and comments are folded alike, so a keyword written spaced matches too.
    private static func fold(_ text: String) -> String {
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter { !isInvisible($0) }))
        let folded = visible.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return joiningSpacedLetters(folded).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether `scalar` is drawn as nothing: a Unicode Default_Ignorable_Code_Point (zero-width
    /// space and joiners, word joiner, soft hyphen, variation selectors…) or a bidi embedding,
    /// override or isolate control (U+202A–U+202E, U+2066–U+2069).
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isDefaultIgnorableCodePoint || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `text` with every run of characters that are neither letters, digits nor white space removed
    /// where it stands between two letters or digits ("spoi-ler", "spoi.ler", "spoi🙂ler" read
    /// "spoiler"); a run at a word's edge is kept, so word boundaries stay where they were.
    /// - Complexity: O(n) for n characters.
    private static func joiningWordParts(_ text: String) -> String {
        var result = ""
        var pending = ""
        for character in text {
            if isWordCharacter(character) {
                if let last = result.last, isWordCharacter(last) { pending = "" }
                result += pending
                pending = ""
                result.append(character)
            } else if character.isWhitespace {
                result += pending
                pending = ""
                result.append(character)
            } else {
                pending.append(character)
            }
        }
        return result + pending
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
