import ReelCore
import Testing

@Suite("RegionMap")
struct RegionMapTests {
    @Test("declared countries map to their region in any case; unknown ones to the default",
          arguments: [("US", "us"), ("us", "us"), ("Us", "us"), ("DE", "eu"), ("de", "eu"), ("fr", "eu"), ("NO", "eu"), ("IS", "eu"),
                      ("GB", "global"), ("BR", "global"), ("jp", "global"), ("ZZ", "global"), ("", "global")] as [(String, RegionCode)])
    func countryMapping(_ country: String, _ region: RegionCode) {
        #expect(RegionMap.standard.region(forCountry: country) == region)
    }

    @Test("the standard map has us, eu and global, ordered by index")
    func standard() {
        let map = RegionMap.standard
        #expect(map.regions.map(\.code) == ["us", "eu", "global"])
        #expect(map.regions.map(\.index) == [1, 2, 3])
        #expect(map.defaultRegion == "global")
        #expect(map.definition(for: "eu")?.countries.contains("DE") == true)
        #expect(map.definition(for: "mars") == nil)
    }

    @Test("an ID's region bits name its region; an unconfigured index names none")
    func regionOfID() {
        let map = RegionMap.standard
        for region in map.regions {
            #expect(map.region(of: IDGenerator(regionIndex: region.index).next())?.code == region.code)
        }
        for index in [0, 4, 9, 31] {
            #expect(map.region(of: IDGenerator(regionIndex: index).next()) == nil)
        }
    }

    @Test("a custom map is sorted by index and uses its own default")
    func customMap() throws {
        let map = try RegionMap(regions: [
            RegionDefinition(code: "apac", index: 31, name: "APAC", countries: ["jp", "KR"]),
            RegionDefinition(code: "home", index: 0, name: "Home", countries: ["ch"]),
        ], defaultRegion: "home")
        #expect(map.regions.map(\.code) == ["home", "apac"])
        #expect(map.region(forCountry: "JP") == "apac", "countries in configuration are upper-cased too")
        #expect(map.region(forCountry: "kr") == "apac")
        #expect(map.region(forCountry: "CH") == "home")
        #expect(map.region(forCountry: "US") == "home")
        #expect(map.region(of: IDGenerator(regionIndex: 31).next())?.code == "apac")
    }

    static let us = RegionDefinition(code: "us", index: 1, name: "US", countries: ["US"])

    @Test("invalid configurations are refused with invalid_config, for the right reason", arguments: [
        ([us, RegionDefinition(code: "eu", index: 1, name: "EU", countries: [])], "us", "share index"),
        ([us, RegionDefinition(code: "us", index: 2, name: "again", countries: [])], "us", "share code"),
        ([RegionDefinition(code: "xx", index: 32, name: "too big", countries: [])], "xx", "must be 0...31"),
        ([RegionDefinition(code: "xx", index: -1, name: "negative", countries: [])], "xx", "must be 0...31"),
        ([us, RegionDefinition(code: "eu", index: 2, name: "EU", countries: ["DE", "US"])], "us", "in two regions"),
        ([us, RegionDefinition(code: "eu", index: 2, name: "EU", countries: ["us"])], "us", "in two regions"),
        ([us], "eu", "is not defined"),
        ([], "us", "is not defined"),
        ([RegionDefinition(code: "a-b", index: 1, name: "bad code", countries: [])], "a-b", "letters and digits"),
        ([RegionDefinition(code: "", index: 1, name: "empty code", countries: [])], "", "letters and digits"),
    ] as [([RegionDefinition], RegionCode, String)])
    func invalid(_ regions: [RegionDefinition], _ defaultRegion: RegionCode, _ reason: String) {
        do {
            _ = try RegionMap(regions: regions, defaultRegion: defaultRegion)
            Issue.record("accepted an invalid configuration")
        } catch let error as ReelError {
            #expect(error.code == "invalid_config")
            #expect(error.message.contains(reason), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("the largest index, 31, is accepted")
    func largestIndex() throws {
        let map = try RegionMap(regions: [RegionDefinition(code: "last", index: 31, name: "Last", countries: [])], defaultRegion: "last")
        #expect(map.definition(for: "last")?.index == 31)
    }
}
