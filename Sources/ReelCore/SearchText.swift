import Foundation

/// The one text folding used for search: applied in Swift to everything indexed and to every query,
/// so any search engine behind the public index (SQLite FTS5 today) compares the same strings
/// whatever its own locale or collation.
public enum SearchText {
    /// Most terms taken from one query; the rest are ignored.
    public static let maxTerms = 16

    /// Folds `text` for matching: compatibility decomposition (NFKD), full case folding, then drops
    /// default-ignorable code points and the generic combining diacritics (the blocks Combining
    /// Diacritical Marks U+0300–036F, its Extended and Supplement blocks, and the marks for symbols
    /// and half marks) that NFKD splits off Latin, Greek and Cyrillic letters; recomposes to NFC.
    ///
    /// So `МОСКВА` and `Москва` fold to `москва`, and `CAFÉ`, `Café` and `cafe` to `cafe`. Marks of
    /// other scripts (Devanagari vowel signs, Arabic harakat, Hebrew points) carry meaning and stay.
    /// - Complexity: O(n) in the text's length.
    public static func fold(_ text: String) -> String {
        let decomposed = text.decomposedStringWithCompatibilityMapping
            .folding(options: .caseInsensitive, locale: nil)
            .decomposedStringWithCompatibilityMapping
        var kept = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars where !scalar.properties.isDefaultIgnorableCodePoint && !isGenericDiacritic(scalar) {
            kept.append(scalar)
        }
        return String(kept).precomposedStringWithCanonicalMapping
    }

    /// The terms of `text` after ``fold(_:)``: maximal runs of letters, marks, digits and private-use
    /// characters (the token characters of FTS5's `unicode61` tokenizer with `categories 'L* N* Co M*'`),
    /// in order, at most ``maxTerms``. Everything else, including every query-syntax character of a
    /// search engine (quotes, `*`, `-`, `^`, parentheses, `:`), separates terms, so a term is always a
    /// plain word. Empty when `text` has no letter or digit.
    public static func terms(_ text: String) -> [String] {
        Array(tokens(ofFolded: fold(text)).prefix(maxTerms))
    }

    /// The tokens of text that is already folded, split the way ``terms(_:)`` splits (no limit).
    public static func tokens(ofFolded text: String) -> [String] {
        var terms: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isTermCharacter(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                terms.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { terms.append(String(current)) }
        return terms
    }

    private static func isTermCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            true
        default:
            false
        }
    }

    private static func isGenericDiacritic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: true
        default: false
        }
    }
}
