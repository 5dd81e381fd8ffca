import Foundation
import ReelCore
import Testing

@Suite("ReelID")
struct ReelIDTests {
    static let crockford = Set("0123456789abcdefghjkmnpqrstvwxyz")

    @Test("the smallest and largest values have a fixed 13-character text form")
    func knownTextForms() {
        #expect(ReelID(rawValue: 0).description == "0000000000000")
        #expect(ReelID(rawValue: 1).description == "0000000000001")
        #expect(ReelID(rawValue: 32).description == "0000000000010")
        #expect(ReelID(rawValue: .max).description == "fzzzzzzzzzzzz")
        #expect(ReelID("fzzzzzzzzzzzz") == ReelID(rawValue: .max))
    }

    @Test("text form round-trips and uses only lower-case Crockford base32")
    func textRoundTrip() {
        var generator = SplitMix64(seed: 42)
        let values: [UInt64] = [0, 1, 31, 32, 1 << 63, .max, .max - 1] + (0..<2000).map { _ in generator.next() }
        for value in values {
            let id = ReelID(rawValue: value)
            let text = id.description
            #expect(text.count == 13)
            #expect(text.allSatisfy { Self.crockford.contains($0) }, "\(text)")
            #expect(ReelID(text) == id, "\(text)")
            #expect(ReelID(text[...]) == id, "Substring input")
        }
    }

    @Test("IDs made later sort after earlier ones, as numbers and as text, whatever their region and sequence")
    func ordering() {
        let millis: UInt64 = 1_800_000_000_000
        let early = ReelID(unixMilliseconds: millis, regionIndex: ReelID.maxRegionIndex, sequence: ReelID.maxSequence)
        let later = ReelID(unixMilliseconds: millis + 1, regionIndex: 0, sequence: 0)
        #expect(early < later)
        #expect(early.description < later.description)
        let sameMillisecond = ReelID(unixMilliseconds: millis, regionIndex: 0, sequence: 1)
        #expect(ReelID(unixMilliseconds: millis, regionIndex: 0, sequence: 0) < sameMillisecond)

        var generator = SplitMix64(seed: 7)
        let ids = (0..<1000).map { _ in ReelID(rawValue: generator.next()) }
        #expect(ids.sorted().map(\.description) == ids.map(\.description).sorted())
    }

    @Test("time, region and sequence are packed into their own bits", arguments: [0, 1, 2, 3, 16, 30, 31])
    func regionBits(_ region: Int) {
        let millis: UInt64 = 1_900_000_000_123
        for sequence: UInt64 in [0, 1, 12_345, ReelID.maxSequence] {
            let id = ReelID(unixMilliseconds: millis, regionIndex: region, sequence: sequence)
            #expect(id.regionIndex == region)
            #expect(id.unixMilliseconds == millis)
            #expect(id.rawValue & ReelID.maxSequence == sequence)
            #expect(ReelID(id.description)?.regionIndex == region)
            #expect(ReelID(databaseValue: id.databaseValue) == id)
        }
        #expect(ReelID.maxRegionIndex == 31)
        #expect(ReelID.maxSequence == (1 << 18) - 1)
    }

    @Test("IDs at the epoch and with the top bit set survive the signed database form")
    func databaseValue() {
        let epoch = ReelID(unixMilliseconds: ReelID.epochMilliseconds, regionIndex: 1, sequence: 0)
        #expect(epoch.unixMilliseconds == ReelID.epochMilliseconds)
        #expect(epoch.rawValue == 1 << 18)
        let top = ReelID(rawValue: .max)
        #expect(top.databaseValue == -1)
        #expect(ReelID(databaseValue: -1) == top)
    }

    @Test("text of the wrong length is rejected", arguments: ["", "0", "000000000000", "00000000000000", "0000000000000000000000000"])
    func wrongLength(_ text: String) {
        #expect(ReelID(text) == nil)
    }

    @Test("characters outside lower-case Crockford base32 are rejected",
          arguments: ["000000000000i", "000000000000l", "000000000000o", "000000000000u", "000000000000A", "ABCDEFGHJKMNP",
                      "000000000000!", "000000000000-", "00000000000 0", "00000000000é", "0000000000\u{0}00"])
    func badCharacters(_ text: String) {
        #expect(ReelID(text) == nil)
    }

    @Test("a first character of 16 or more (more than 64 bits) is rejected", arguments: ["g000000000000", "h000000000000", "z000000000000", "gzzzzzzzzzzzz"])
    func overflowingFirstCharacter(_ text: String) {
        #expect(ReelID(text) == nil)
    }

    @Test("the largest allowed first character is accepted")
    func largestFirstCharacter() throws {
        let id = try #require(ReelID("f000000000000"))
        #expect(id.rawValue == 15 << 60)
    }

    @Test("Codable as its text form; anything else fails to decode")
    func codable() throws {
        struct Wrapper: Codable, Equatable { var id: ReelID }
        let id = ReelID(unixMilliseconds: 1_800_000_000_000, regionIndex: 2, sequence: 5)
        let data = try JSONEncoder().encode(Wrapper(id: id))
        #expect(String(decoding: data, as: UTF8.self) == #"{"id":"\#(id.description)"}"#)
        #expect(try JSONDecoder().decode(Wrapper.self, from: data) == Wrapper(id: id))
        for bad in [#"{"id":"nope"}"#, #"{"id":"g000000000000"}"#, #"{"id":12345}"#, #"{"id":null}"#] {
            #expect(throws: DecodingError.self, "\(bad)") { try JSONDecoder().decode(Wrapper.self, from: Data(bad.utf8)) }
        }
    }
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
