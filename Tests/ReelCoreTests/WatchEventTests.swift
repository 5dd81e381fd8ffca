import Foundation
import ReelCore
import Testing

@Suite("WatchEvent")
struct WatchEventTests {
    static let id = ReelID(unixMilliseconds: 1_800_000_000_000, regionIndex: 1, sequence: 0)

    func event(watched: Int, duration: Int, completed: Bool = false, replayed: Bool = false) -> WatchEvent {
        WatchEvent(clientEventID: "e1", userID: Self.id, videoID: Self.id, watchedMs: watched, durationMs: duration,
                   completed: completed, replayed: replayed, at: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test("the ratio is the watched share of the duration", arguments: [(0, 1000, 0.0), (250, 1000, 0.25), (500, 1000, 0.5), (999, 1000, 0.999), (1000, 1000, 1.0)])
    func watchedShare(_ watched: Int, _ duration: Int, _ ratio: Double) {
        #expect(event(watched: watched, duration: duration).completionRatio == ratio)
    }

    @Test("watching longer than the duration caps at 1")
    func capped() {
        #expect(event(watched: 5000, duration: 1000).completionRatio == 1)
    }

    @Test("a completed or replayed view counts as complete however little was reported")
    func completedOrReplayed() {
        #expect(event(watched: 10, duration: 1000, completed: true).completionRatio == 1)
        #expect(event(watched: 10, duration: 1000, replayed: true).completionRatio == 1)
        #expect(event(watched: 0, duration: 1000, completed: true, replayed: true).completionRatio == 1)
    }

    @Test("an unknown (zero or negative) duration gives 1 when completed or replayed, else 0")
    func unknownDuration() {
        #expect(event(watched: 10, duration: 0).completionRatio == 0)
        #expect(event(watched: 10, duration: 0, completed: true).completionRatio == 1)
        #expect(event(watched: 10, duration: 0, replayed: true).completionRatio == 1)
        #expect(event(watched: 10, duration: -5).completionRatio == 0)
    }

    @Test("Codable keeps every field, with IDs as strings")
    func codable() throws {
        let original = event(watched: 1234, duration: 5000, completed: false, replayed: true)
        let data = try JSONEncoder().encode(original)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["userID"] as? String == Self.id.description)
        #expect(try JSONDecoder().decode(WatchEvent.self, from: data) == original)
    }
}
