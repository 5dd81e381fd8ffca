import Foundation

/// Parses `#hashtags` out of captions and normalises tags, in one place for parsing, lookup and search.
///
/// Tag syntax follows the hashtag identifiers of UAX #31 §7 (Unicode Identifiers and Syntax) on top of
/// its default identifier syntax: a tag starts with `#`, `＃` or `﹟` and runs over `XID_Continue` code
/// points (letters, combining marks `Mn`/`Mc`, digits, connector punctuation such as `_`), so Devanagari
/// vowel signs and viramas stay inside a tag. Default-ignorable code points (ZWJ, ZWNJ, soft hyphen,
/// bidi marks…) continue a tag too, so an invisible character never splits what looks like one word;
/// ``normalise(_:)`` then removes them from the key. Unlike §7, emoji and `-`/`+` end a tag.
public enum Hashtags {
    /// Longest tag kept, in characters (extended grapheme clusters); longer runs are cut.
    public static let maxLength = 64

    private static let zeroWidthJoiner: Unicode.Scalar = "\u{200D}"
    private static let zeroWidthNonJoiner: Unicode.Scalar = "\u{200C}"
    private static let combiningDotAbove: Unicode.Scalar = "\u{0307}"

    /// The distinct tags in `caption`, in order of first use; two tags with the same key count once
    /// (the first display form wins).
    ///
    /// A tag starts with `#` (or `＃`, `﹟`) that is not preceded by an identifier character, so `a#b`
    /// and `#one#two`'s second `#` start none. `#` alone, or followed by punctuation, is not a tag.
    /// - Complexity: O(n) in the caption's length.
    public static func parse(_ caption: String) -> [Hashtag] {
        var tags: [Hashtag] = []
        var seen = Set<String>()
        var current: String.UnicodeScalarView?
        var previous: Unicode.Scalar = " "
        func flush() {
            guard let run = current else { return }
            current = nil
            let display = String(String(run).prefix(maxLength))
            let key = normalise(display)
            guard !key.isEmpty, seen.insert(key).inserted else { return }
            tags.append(Hashtag(display: display, key: key))
        }
        for scalar in caption.unicodeScalars {
            if current != nil {
                if continuesTag(scalar) {
                    current!.append(scalar)
                    previous = scalar
                    continue
                }
                flush()
            }
            if isTagStart(scalar) && !previous.properties.isXIDContinue {
                current = String.UnicodeScalarView()
            }
            previous = scalar
        }
        flush()
        return tags
    }

    /// The key of a tag: the one normaliser used when parsing captions, looking up hashtag pages and
    /// searching. Strips leading `#`, cuts at ``maxLength`` characters, then applies Unicode caseless
    /// matching in its compatibility form (NFKC and full case folding, Unicode §3.13 D146, as in
    /// `NFKC_Casefold`) and drops default-ignorable code points, except a ZWJ or ZWNJ where UAX #31 §2.3
    /// lets it stay (``joinerIsPermitted(at:in:)``). The result is in NFC.
    ///
    /// So `#café` typed as NFC or NFD, `#CAFÉ` and `#Café` share the key `café`; `#ＲＥＥＬ` is `reel`;
    /// `#re‍el` with a ZWJ is `reel`; `#نرم‌افزار` keeps its ZWNJ, which Persian needs.
    ///
    /// Full case folding maps Turkish `İ` (U+0130) to `i` + U+0307 COMBINING DOT ABOVE (CaseFolding.txt,
    /// status F), which would make `#İstanbul` a different key from `#istanbul`. A U+0307 directly after
    /// a folded `i` is therefore dropped, so `İ`, `I` and `i` share one key (as the Turkic `T` folding
    /// would do for `İ`), while a dot above on any other letter stays.
    /// - Complexity: O(n) in the tag's length.
    public static func normalise(_ tag: String) -> String {
        let stripped = tag.drop(while: { $0 == "#" || $0 == "＃" || $0 == "﹟" })
        let cut = String(stripped.prefix(maxLength))
        let folded = cut.precomposedStringWithCompatibilityMapping
            .folding(options: .caseInsensitive, locale: nil)
            .precomposedStringWithCompatibilityMapping
        let scalars = Array(folded.unicodeScalars)
        var kept = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == combiningDotAbove, index > 0, scalars[index - 1] == "i" { continue }
            if !scalar.properties.isDefaultIgnorableCodePoint || joinerIsPermitted(at: index, in: scalars) {
                kept.append(scalar)
            }
        }
        return String(kept).precomposedStringWithCanonicalMapping
    }

    private static func isTagStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "#" || scalar == "\u{FF03}" || scalar == "\u{FE5F}"
    }

    private static func continuesTag(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isXIDContinue || scalar.properties.isDefaultIgnorableCodePoint
    }

    /// Whether the ZWJ or ZWNJ at `index` may stay in a key, per UAX #31 §2.3 (Layout and Format
    /// Control Characters): rules A2 and B allow either after a virama that follows a letter
    /// (`/$L $V (ZWJ|ZWNJ)/`, Indic conjunct control); rule A1 allows a ZWNJ between two letters that
    /// join cursively (`/$LJ $T* ZWNJ $T* $RJ/`, Persian and others). A1's Joining_Type is not exposed
    /// by Swift, so it is approximated by the blocks of the cursive-joining scripts (Arabic, Syriac,
    /// N'Ko, Mandaic, Mongolian, Phags-pa, Adlam, …), with transparent marks skipped either side.
    static func joinerIsPermitted(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        let scalar = scalars[index]
        guard scalar == zeroWidthJoiner || scalar == zeroWidthNonJoiner else { return false }
        if index >= 2, scalars[index - 1].properties.canonicalCombiningClass.rawValue == 9, isLetter(scalars[index - 2]) {
            return true
        }
        guard scalar == zeroWidthNonJoiner else { return false }
        let before = scalars[..<index].last(where: { !isMark($0) })
        let after = scalars[(index + 1)...].first(where: { !isMark($0) })
        guard let before, let after else { return false }
        return isLetter(before) && isLetter(after) && joinsCursively(before) && joinsCursively(after)
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Blocks of the scripts whose letters join cursively (Joining_Type D, L or R in ArabicShaping.txt).
    private static let cursiveJoiningBlocks: [ClosedRange<UInt32>] = [
        0x0600...0x06FF, 0x0700...0x074F, 0x0750...0x077F, 0x07C0...0x07FF, 0x0840...0x085F, 0x0860...0x086F,
        0x0870...0x089F, 0x08A0...0x08FF, 0x1800...0x18AF, 0xA840...0xA87F, 0xFB50...0xFDFF, 0xFE70...0xFEFF,
        0x10AC0...0x10AFF, 0x10B80...0x10BAF, 0x10D00...0x10D3F, 0x10F30...0x10FDF, 0x1E900...0x1E95F,
    ]

    private static func joinsCursively(_ scalar: Unicode.Scalar) -> Bool {
        cursiveJoiningBlocks.contains { $0.contains(scalar.value) }
    }
}
