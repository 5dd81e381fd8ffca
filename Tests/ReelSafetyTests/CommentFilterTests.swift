import ReelCore
import ReelSafety
import Testing

@Suite("Comment keyword filter")
struct CommentFilterTests {
    @Test("matches whole words, ignoring case, accents, spacing and separators between single letters", arguments: [
        ("spoiler", "Huge SPOILER inside", true),
        ("spoiler", "no spoilers here", false),
        ("spoiler", "spoiler", true),
        ("spoiler", "(spoiler)", true),
        ("bad", "badge of honour", false),
        ("bad", "so bad!", true),
        ("café", "best CAFE in town", true),
        ("big reveal", "a BIG \n reveal", true),
        ("big reveal", "a bigger reveal", false),
        ("ab", "abab ab", true),
        ("bad", "so b a d", true),
        ("bad", "so b.a.d!", true),
        ("bad", "so B . á . D", true),
        ("bad", "b-A-d_", true),
        ("bad", "b a dge", false),
        ("bad", "b a\nd", false),
        ("b a d", "that was BAD", true),
        ("B.A.D", "that was bad", true),
        ("spoiler", "s p o i l e r alert", true),
        ("big reveal", "the B I G reveal", true),
        ("café", "c.a.f.e", true),
    ])
    func matching(_ keyword: String, _ body: String, _ expected: Bool) throws {
        #expect(try CommentFilter(validating: [keyword]).matches(body) == expected)
    }

    @Test("invisible characters, styled letters and punctuation or emoji inside a word do not evade it", arguments: [
        ("spoiler", "huge spo\u{200B}iler", true),
        ("spoiler", "spo\u{200D}il\u{200C}er", true),
        ("spoiler", "spoi\u{2060}ler and spoi\u{00AD}ler", true),
        ("spoiler", "\u{202E}spoiler\u{202C}", true),
        ("spoiler", "spo\u{2066}iler", true),
        ("spoiler", "𝐬𝐩𝐨𝐢𝐥𝐞𝐫", true),
        ("spoiler", "ⓢⓟⓞⓘⓛⓔⓡ", true),
        ("spoiler", "ｓｐｏｉｌｅｒ", true),
        ("spoiler", "𝐒𝐏𝐎𝐈𝐋𝐄𝐑!", true),
        ("spoiler", "a spoi-ler", true),
        ("spoiler", "spoi.ler", true),
        ("spoiler", "spoi🙂ler", true),
        ("spoiler", "s’poi…ler!", true),
        ("spoiler", "spoi-lers", false),
        ("spoiler", "spo\u{200B}ilers", false),
        ("spoiler", "𝐬𝐩𝐨𝐢𝐥𝐞𝐫𝐬", false),
        ("spoiler", "spoiler.next", true),
        ("spoiler", "unspoi-ler", false),
        ("x-ray", "an x.ray", true),
        ("bad", "ba d", false),
    ])
    func evasions(_ keyword: String, _ body: String, _ expected: Bool) throws {
        #expect(try CommentFilter(validating: [keyword]).matches(body) == expected)
    }

    @Test("keywords are trimmed, deduplicated ignoring case, and limited in number and length")
    func validation() throws {
        #expect(try CommentFilter(validating: [" Spoiler ", "spoiler", "SPOILER", "x"]).keywords == ["Spoiler", "x"])
        #expect(throws: ReelError.self) { try CommentFilter(validating: [""]) }
        #expect(throws: ReelError.self) { try CommentFilter(validating: [String(repeating: "a", count: 41)]) }
        #expect(throws: ReelError.self) { try CommentFilter(validating: (0...50).map { "w\($0)" }) }
        #expect(try CommentFilter(validating: (0..<50).map { "w\($0)" }).keywords.count == 50)
        #expect(!CommentFilter(keywords: []).matches("anything"))
    }
}

@Suite("Teen privacy")
struct TeenPrivacyTests {
    @Test("minors start private; only an account under 16 going public must confirm")
    func rules() throws {
        #expect(TeenPrivacy.startsPrivate(.under16) && TeenPrivacy.startsPrivate(.from16To17) && !TeenPrivacy.startsPrivate(.adult))
        #expect(throws: ReelError.self) { try TeenPrivacy.checkPrivacyChange(band: .under16, isPrivate: true, to: false, isConfirmed: false) }
        try TeenPrivacy.checkPrivacyChange(band: .under16, isPrivate: true, to: false, isConfirmed: true)
        try TeenPrivacy.checkPrivacyChange(band: .under16, isPrivate: false, to: false, isConfirmed: false)
        try TeenPrivacy.checkPrivacyChange(band: .under16, isPrivate: false, to: true, isConfirmed: false)
        try TeenPrivacy.checkPrivacyChange(band: .from16To17, isPrivate: true, to: false, isConfirmed: false)
    }
}
