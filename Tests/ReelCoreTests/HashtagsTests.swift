import Foundation
import ReelCore
import Testing

@Suite("Hashtags")
struct HashtagsTests {
    @Test("tags are distinct, lower-cased and in order of first use")
    func distinctLowerCased() {
        #expect(Hashtags.parse("Pasta #Cooking #food and #COOKING again #Food") == ["cooking", "food"])
        #expect(Hashtags.parse("#b #a #b #c #a") == ["b", "a", "c"])
    }

    @Test("a # after a letter, digit or _ does not start a tag", arguments: ["a#b", "mail me at a#b.com", "9#tag", "x_#tag", "#one#two"])
    func noTagInsideWords(_ caption: String) {
        #expect(!Hashtags.parse(caption).contains("b"))
        #expect(!Hashtags.parse(caption).contains("tag"))
        #expect(!Hashtags.parse(caption).contains("two"))
    }

    @Test("#one#two yields only the first tag")
    func adjacentTags() {
        #expect(Hashtags.parse("#one#two") == ["one"])
        #expect(Hashtags.parse("a#b") == [])
    }

    @Test("# alone or followed by punctuation or space is not a tag", arguments: ["#", "# alone", "##", "#!", "#.tag", "#-x", "# #"])
    func notTags(_ caption: String) {
        #expect(Hashtags.parse(caption).isEmpty)
    }

    @Test("punctuation ends a tag, and a tag may start right after punctuation")
    func punctuationEndsTag() {
        #expect(Hashtags.parse("#ready,#set.#go!") == ["ready", "set", "go"])
        #expect(Hashtags.parse("(#inside) #dash-ed #it's") == ["inside", "dash", "it"])
        #expect(Hashtags.parse("#snake_case_tag #2024") == ["snake_case_tag", "2024"])
        #expect(Hashtags.parse("line\n#next\t#tab") == ["next", "tab"])
    }

    @Test("unicode letters and digits belong to a tag and are lower-cased")
    func unicode() {
        #expect(Hashtags.parse("#Café #日本 #ÜBER #Ελλάδα #٣٤") == ["café", "日本", "über", "ελλάδα", "٣٤"])
        #expect(Hashtags.parse("#emoji🎉 next") == ["emoji"], "an emoji is not a letter and ends the tag")
    }

    @Test("a tag is cut at the maximum length, and cut tags dedupe")
    func maxLength() {
        let long = String(repeating: "a", count: 100)
        #expect(Hashtags.parse("#" + long) == [String(repeating: "a", count: Hashtags.maxLength)])
        #expect(Hashtags.parse("#" + String(repeating: "b", count: Hashtags.maxLength)) == [String(repeating: "b", count: 64)])
        #expect(Hashtags.parse("#\(long) #\(long)x") == [String(repeating: "a", count: 64)])
        #expect(Hashtags.parse("#" + String(repeating: "é", count: 70)).first?.count == 64, "counted in characters")
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
        #expect(video.hashtags == ["beach", "travel"])
    }
}
