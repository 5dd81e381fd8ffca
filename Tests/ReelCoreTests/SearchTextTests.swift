import Foundation
import ReelCore
import Testing

@Suite("Search text folding")
struct SearchTextTests {
    @Test("case, compatibility forms and Latin/Greek/Cyrillic diacritics fold away", arguments: [
        ("МОСКВА", "москва"), ("Москва", "москва"), ("москва", "москва"),
        ("CAFÉ", "cafe"), ("Café", "cafe"), ("cafe\u{301}", "cafe"), ("cafe", "cafe"),
        ("ＲＥＥＬ", "reel"), ("Straße", "strasse"), ("Ёлка", "елка"), ("İstanbul", "istanbul"),
    ] as [(String, String)])
    func folds(_ text: String, _ expected: String) {
        #expect(SearchText.fold(text) == expected)
    }

    @Test("marks that carry meaning in other scripts stay")
    func keepsScriptMarks() {
        #expect(SearchText.fold("नमस्ते") == "नमस्ते")
        #expect(SearchText.fold("نرم\u{200C}افزار") == "نرمافزار", "ZWNJ is default-ignorable and folds away for search")
    }

    @Test("terms are plain words: search syntax characters only separate them", arguments: [
        ("\"quoted\" phrase", ["quoted", "phrase"]),
        ("a* -b ^c (d) e:f", ["a", "b", "c", "d", "e", "f"]),
        ("x NEAR(y z)", ["x", "near", "y", "z"]),
        ("one OR two AND NOT three", ["one", "or", "two", "and", "not", "three"]),
        ("***", []), ("\"", []), ("-", []), ("🎉", []), ("  ", []),
        ("#Cooking first+clip", ["cooking", "first", "clip"]),
        ("МОСКВА café", ["москва", "cafe"]),
    ] as [(String, [String])])
    func terms(_ query: String, _ expected: [String]) {
        #expect(SearchText.terms(query) == expected)
    }

    @Test("at most maxTerms terms are taken")
    func termLimit() {
        let query = (1...40).map { "w\($0)" }.joined(separator: " ")
        #expect(SearchText.terms(query).count == SearchText.maxTerms)
    }
}
