import Foundation
import ReelCore
import Testing

@Suite("Regions, hashtags and account rules")
struct RulesTests {
    @Test("countries map to their region; unknown ones to the default")
    func regionMap() {
        let map = RegionMap.standard
        #expect(map.region(forCountry: "US") == "us")
        #expect(map.region(forCountry: "de") == "eu")
        #expect(map.region(forCountry: "NO") == "eu")
        #expect(map.region(forCountry: "BR") == "global")
        #expect(map.region(forCountry: "ZZ") == "global")
        let eu = map.definition(for: "eu")!
        #expect(map.region(of: IDGenerator(regionIndex: eu.index).next())?.code == "eu")
        #expect(map.region(of: IDGenerator(regionIndex: 9).next()) == nil)
    }

    @Test("invalid region configurations are refused")
    func invalidRegionMaps() {
        let us = RegionDefinition(code: "us", index: 1, name: "US", countries: ["US"])
        let cases: [([RegionDefinition], RegionCode)] = [
            ([us, RegionDefinition(code: "eu", index: 1, name: "EU", countries: [])], "us"),
            ([us, RegionDefinition(code: "us", index: 2, name: "again", countries: [])], "us"),
            ([RegionDefinition(code: "xx", index: 32, name: "too big", countries: [])], "xx"),
            ([us, RegionDefinition(code: "eu", index: 2, name: "EU", countries: ["us"])], "us"),
            ([us], "eu"),
            ([RegionDefinition(code: "a-b", index: 1, name: "bad code", countries: [])], "a-b"),
        ]
        for (regions, defaultRegion) in cases {
            #expect(throws: ReelError.self) { try RegionMap(regions: regions, defaultRegion: defaultRegion) }
        }
    }

    @Test("hashtags: distinct, lower-cased, in order; only after a boundary; cut at punctuation")
    func hashtags() {
        #expect(Hashtags.parse("Pasta #Cooking #food and #cooking again") == ["cooking", "food"])
        #expect(Hashtags.parse("mail a#b or #  or # alone") == [])
        #expect(Hashtags.parse("#ready,#set.#go!") == ["ready", "set", "go"])
        #expect(Hashtags.parse("#Café #日本 #snake_case") == ["café", "日本", "snake_case"])
        #expect(Hashtags.parse("#" + String(repeating: "a", count: 100)) == [String(repeating: "a", count: 64)])
        #expect(Hashtags.normalise("#BaKing") == "baking")
    }

    @Test("handles, emails, passwords and countries are checked and normalised")
    func fields() throws {
        #expect(try AccountRules.validHandle("Ana_B.01") == "ana_b.01")
        for bad in ["ab", ".dot", "with space", "émile", String(repeating: "a", count: 25)] {
            #expect(throws: ReelError.self) { try AccountRules.validHandle(bad) }
        }
        #expect(try AccountRules.validEmail(" Ana@Example.COM ") == "ana@example.com")
        for bad in ["no-at", "a@b", "@example.com", "a@.com", "a@b.", "a b@c.de", "a@b@c.de"] {
            #expect(throws: ReelError.self) { try AccountRules.validEmail(bad) }
        }
        try AccountRules.checkPassword("12345678")
        #expect(throws: ReelError.self) { try AccountRules.checkPassword("1234567") }
        #expect(throws: ReelError.self) { try AccountRules.checkPassword(String(repeating: "x", count: 73)) }
        #expect(try AccountRules.validCountry("fr") == "FR")
        #expect(throws: ReelError.self) { try AccountRules.validCountry("FRA") }
    }

    @Test("age counts whole years, turning on the birthday")
    func age() throws {
        let day = try Date("2026-06-15T12:00:00Z", strategy: .iso8601)
        #expect(try AccountRules.age(birthDate: "2013-06-15", on: day) == 13)
        #expect(try AccountRules.age(birthDate: "2013-06-16", on: day) == 12)
        #expect(try AccountRules.age(birthDate: "2008-06-14", on: day) == 18)
        for bad in ["2030-01-01", "1990-13-01", "1990-1-1", "yesterday", "1800-01-01"] {
            #expect(throws: ReelError.self) { try AccountRules.age(birthDate: bad, on: day) }
        }
    }

    @Test("completion ratio: watched share, capped, complete when finished or replayed")
    func completion() {
        let id = IDGenerator(regionIndex: 1).next()
        func event(_ watched: Int, _ duration: Int, completed: Bool = false, replayed: Bool = false) -> WatchEvent {
            WatchEvent(clientEventID: "e", userID: id, videoID: id, watchedMs: watched, durationMs: duration, completed: completed, replayed: replayed, at: Date())
        }
        #expect(event(250, 1000).completionRatio == 0.25)
        #expect(event(5000, 1000).completionRatio == 1)
        #expect(event(10, 1000, completed: true).completionRatio == 1)
        #expect(event(10, 1000, replayed: true).completionRatio == 1)
        #expect(event(10, 0).completionRatio == 0)
    }
}
