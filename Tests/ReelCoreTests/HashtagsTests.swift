import Foundation
import ReelCore
import Testing

@Suite("Hashtags")
struct HashtagsTests {
    /// The keys of the tags parsed from `caption`.
    func keys(_ caption: String) -> [String] { Hashtags.parse(caption).map(\.key) }

    @Test("tags are distinct, lower-cased and in order of first use")
    func distinctLowerCased() {
        #expect(keys("Pasta #Cooking #food and #COOKING again #Food") == ["cooking", "food"])
        #expect(keys("#b #a #b #c #a") == ["b", "a", "c"])
    }

    @Test("a # after a letter, digit or _ does not start a tag", arguments: ["a#b", "mail me at a#b.com", "9#tag", "x_#tag", "#one#two"])
    func noTagInsideWords(_ caption: String) {
        #expect(!keys(caption).contains("b"))
        #expect(!keys(caption).contains("tag"))
        #expect(!keys(caption).contains("two"))
    }

    @Test("#one#two yields only the first tag")
    func adjacentTags() {
        #expect(keys("#one#two") == ["one"])
        #expect(keys("a#b") == [])
    }

    @Test("# alone or followed by punctuation or space is not a tag", arguments: ["#", "# alone", "##", "#!", "#.tag", "#-x", "# #"])
    func notTags(_ caption: String) {
        #expect(keys(caption).isEmpty)
    }

    @Test("punctuation ends a tag, and a tag may start right after punctuation")
    func punctuationEndsTag() {
        #expect(keys("#ready,#set.#go!") == ["ready", "set", "go"])
        #expect(keys("(#inside) #dash-ed #it's") == ["inside", "dash", "it"])
        #expect(keys("#snake_case_tag #2024") == ["snake_case_tag", "2024"])
        #expect(keys("line\n#next\t#tab") == ["next", "tab"])
    }

    @Test("unicode letters and digits belong to a tag and are case-folded")
    func unicode() {
        #expect(keys("#Café #日本 #ÜBER #Ελλάδα #٣٤") == ["café", "日本", "über", "ελλάδα", "٣٤"])
        #expect(keys("#emoji🎉 next") == ["emoji"], "an emoji is not a letter and ends the tag")
    }

    @Test("a tag is cut at the maximum length, and cut tags dedupe")
    func maxLength() {
        let long = String(repeating: "a", count: 100)
        #expect(keys("#" + long) == [String(repeating: "a", count: Hashtags.maxLength)])
        #expect(keys("#" + String(repeating: "b", count: Hashtags.maxLength)) == [String(repeating: "b", count: 64)])
        #expect(keys("#\(long) #\(long)x") == [String(repeating: "a", count: 64)])
        #expect(Hashtags.parse("#" + String(repeating: "é", count: 70)).first?.display.count == 64, "counted in characters")
    }

    @Test("normalise strips leading # and lower-cases")
    func normalise() {
        #expect(Hashtags.normalise("#BaKing") == "baking")
        #expect(Hashtags.normalise("##Two") == "two")
        #expect(Hashtags.normalise("plain") == "plain")
        #expect(Hashtags.normalise(String(repeating: "Z", count: 80)).count == 64)
    }

    @Test("a video's hashtags come from its caption")
    func videoHashtags() {
        let id = IDGenerator(regionIndex: 1).next()
        let video = Video(id: id, creatorID: id, caption: "Sunset #Beach #beach #travel", visibility: .public, createdAt: Date())
        #expect(video.hashtags == [Hashtag(display: "Beach", key: "beach"), Hashtag(display: "travel", key: "travel")])
    }

    @Test("the display form is the tag as typed; the first spelling of a key wins")
    func displayForms() {
        #expect(Hashtags.parse("Pasta #Cooking then #COOKING") == [Hashtag(display: "Cooking", key: "cooking")])
    }

    @Test("#café typed as NFC and as NFD is one tag, found by either spelling")
    func canonicalEquivalence() {
        let composed = "#caf\u{E9}"
        let decomposed = "#cafe\u{301}"
        #expect(composed.unicodeScalars.count != decomposed.unicodeScalars.count)
        let tags = Hashtags.parse("\(composed) \(decomposed) #CAFÉ")
        #expect(tags.map(\.key) == ["caf\u{E9}"])
        #expect(Hashtags.normalise(decomposed) == Hashtags.normalise(composed))
    }

    @Test("compatibility forms and case fold together: #ＲＥＥＬ is #reel, #Straße is #strasse")
    func compatibilityCaseFolding() {
        #expect(Hashtags.parse("#ＲＥＥＬ") == [Hashtag(display: "ＲＥＥＬ", key: "reel")])
        #expect(keys("#reel #ＲＥＥＬ #Reel") == ["reel"])
        #expect(Hashtags.normalise("＃ＲＥＥＬ") == "reel")
        #expect(keys("#Straße #STRASSE") == ["strasse"])
        #expect(keys("#ΣΟΦΙΑ #σοφια") == ["σοφια"])
    }

    @Test("Turkish İ folds with I and i: #İstanbul, #ISTANBUL and #istanbul are one tag")
    func turkishDottedCapitalI() {
        #expect(Hashtags.normalise("#İstanbul") == "istanbul")
        #expect(Hashtags.normalise("#I\u{0307}stanbul") == "istanbul")
        #expect(keys("#İstanbul #ISTANBUL #istanbul") == ["istanbul"])
        // A dot above on another letter is kept: ė (e + U+0307) is not e.
        #expect(Hashtags.normalise("#ė") == "ė")
    }

    @Test("invisible characters inside a Latin tag make no look-alike tag", arguments: ["\u{200D}", "\u{200C}", "\u{200B}", "\u{00AD}", "\u{2060}", "\u{FEFF}"])
    func invisibleCharacters(_ invisible: String) {
        let tags = Hashtags.parse("#reel #re\(invisible)el")
        #expect(tags.map(\.key) == ["reel"], "\(invisible.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(Hashtags.normalise("re\(invisible)el") == "reel")
    }

    @Test("Devanagari tags keep their vowel signs and virama: #नमस्ते is one whole tag")
    func devanagari() {
        #expect(Hashtags.parse("नमस्ते दुनिया #नमस्ते!") == [Hashtag(display: "नमस्ते", key: "नमस्ते")])
        // ZWJ after a virama selects a conjunct form (UAX #31 §2.3 rule B) and stays.
        #expect(keys("#क्\u{200D}ष").first?.unicodeScalars.contains("\u{200D}") == true)
    }

    @Test("Persian tags keep the ZWNJ between joining letters: #نرم‌افزار is one whole tag")
    func persian() {
        let word = "نرم\u{200C}افزار"
        #expect(Hashtags.parse("#\(word) عالی") == [Hashtag(display: word, key: word)])
        #expect(Hashtags.normalise("#\(word)") == word)
        // A ZWNJ between Latin letters or at the end of a tag is dropped.
        #expect(Hashtags.normalise("ab\u{200C}c\u{200C}") == "abc")
    }

    @Test("fullwidth ＃ starts a tag; a tag of only invisible characters is none")
    func startsAndEmptyTags() {
        #expect(keys("＃Reel") == ["reel"])
        #expect(keys("#\u{200D}\u{200B} #ok") == ["ok"])
    }
}
