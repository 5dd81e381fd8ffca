import Synchronization
import Foundation
import ReelCore
import Testing

@Suite("ReelID and IDGenerator")
struct ReelIDTests {
    @Test("text form round-trips, is 13 URL-safe characters and sorts like the number")
    func textForm() throws {
        let generator = IDGenerator(regionIndex: 2)
        let ids = (0..<1000).map { _ in generator.next() }
        for id in ids {
            let text = id.description
            #expect(text.count == 13)
            #expect(text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) })
            #expect(ReelID(text) == id)
            #expect(id.regionIndex == 2)
        }
        #expect(ids.map(\.description) == ids.map(\.description).sorted())
        #expect(ids == ids.sorted())
    }

    @Test("malformed text is rejected", arguments: ["", "abc", "0000000000000z", "000000000000!", "g000000000000", "000000000000u", "ABCDEFGHJKMNP"])
    func malformed(_ text: String) {
        #expect(ReelID(text) == nil)
    }

    @Test("parts are packed and read back")
    func parts() {
        let id = ReelID(unixMilliseconds: 1_800_000_000_123, regionIndex: 31, sequence: 262_143)
        #expect(id.unixMilliseconds == 1_800_000_000_123)
        #expect(id.regionIndex == 31)
        #expect(ReelID(databaseValue: id.databaseValue) == id)
    }

    @Test("Codable as its text form; bad text fails to decode")
    func codable() throws {
        let id = IDGenerator(regionIndex: 1).next()
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(id)\"]")
        #expect(try JSONDecoder().decode([ReelID].self, from: data) == [id])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ReelID].self, from: Data("[\"nope\"]".utf8)) }
    }

    @Test("unique and increasing when the sequence overflows within a millisecond or the clock steps back")
    func generatorEdgeCases() {
        let fixed = IDGenerator(regionIndex: 3, clock: { 1_800_000_000_000 })
        var previous = fixed.next()
        for _ in 0..<300_000 {
            let next = fixed.next()
            #expect(next > previous)
            previous = next
        }
        #expect(previous.unixMilliseconds > 1_800_000_000_000)
        let backwards = BackwardsClock()
        let stepping = IDGenerator(regionIndex: 1, clock: { backwards.tick() })
        var last = stepping.next()
        for _ in 0..<100 {
            let next = stepping.next()
            #expect(next > last)
            last = next
        }
    }
}

/// A clock that goes back 1 ms on every read.
final class BackwardsClock: Sendable {
    private let now = Mutex<UInt64>(1_900_000_000_000)
    func tick() -> UInt64 { now.withLock { $0 -= 1; return $0 } }
}
