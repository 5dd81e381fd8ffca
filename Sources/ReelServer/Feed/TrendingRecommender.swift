import Foundation
import Logging
import ReelCore
import ReelStore

/// The first For You: videos trending among the viewer's own region (time-decayed watch,
/// completion, like and share weight), then popular public videos worldwide, skipping
/// anything the viewer has watched or marked "not interested".
///
/// It reads behaviour only from the viewer's home region store; the public index supplies
/// nothing but public metadata.
struct TrendingRecommender: ForYouRecommender {
    let platform: Platform
    /// Window of behaviour considered.
    var window: TimeInterval = 7 * 24 * 3600
    /// Weight halves every `halfLife` seconds.
    var halfLife: TimeInterval = 24 * 3600
    /// Most candidates considered per request.
    var candidateLimit = 500

    func forYou(for viewer: Viewer, cursor: String?, limit: Int) async throws -> RecommendationPage {
        let offset = try OffsetCursor.decode(cursor)
        let ranked = try await ranking(for: viewer, needed: offset + limit + 1)
        let page = Array(ranked.dropFirst(offset).prefix(limit))
        return RecommendationPage(items: page, nextCursor: ranked.count > offset + limit ? OffsetCursor.encode(offset + limit) : nil)
    }

    func explain(_ video: ReelID, for viewer: Viewer) async throws -> Recommendation? {
        try await ranking(for: viewer, needed: candidateLimit).first { $0.videoID == video }
    }

    func observe(_ signal: BehaviourSignal, region: RegionDefinition) async {}

    private func ranking(for viewer: Viewer, needed: Int) async throws -> [Recommendation] {
        let now = Date()
        let home = try platform.router.store(for: viewer.userID)
        let seen = try await home.seenVideoIDs(user: viewer.userID)
        var result: [Recommendation] = []
        var included = Set<ReelID>()
        if viewer.isPersonalised {
            let trending = try await home.trendingVideos(since: now.addingTimeInterval(-window), now: now, halfLife: halfLife, limit: candidateLimit)
            let listed = Dictionary(uniqueKeysWithValues: try await platform.publicIndex.videos(ids: trending.map(\.videoID)).map { ($0.id, $0) })
            for candidate in trending where !seen.contains(candidate.videoID) && listed[candidate.videoID] != nil {
                included.insert(candidate.videoID)
                result.append(Recommendation(videoID: candidate.videoID, source: "trending",
                                             reason: "Trending with viewers in \(viewer.region.name)"))
            }
        }
        var offset = 0
        while result.count < needed {
            let popular = try await platform.publicIndex.popularVideos(now: now, halfLife: halfLife, offset: offset, limit: 200)
            for video in popular where !seen.contains(video.id) && included.insert(video.id).inserted {
                result.append(Recommendation(videoID: video.id, source: "popular", reason: "Popular on Reel right now"))
            }
            guard popular.count == 200 else { break }
            offset += 200
        }
        return result
    }
}

/// An opaque cursor holding an offset into a ranking.
enum OffsetCursor {
    static func encode(_ offset: Int) -> String { "o\(offset)" }

    /// - Throws: ``ReelError`` 400 `invalid_cursor`.
    static func decode(_ cursor: String?) throws -> Int {
        guard let cursor else { return 0 }
        guard cursor.hasPrefix("o"), let offset = Int(cursor.dropFirst()), (0...10_000).contains(offset) else {
            throw ReelError.badRequest("cursor is not valid", code: "invalid_cursor")
        }
        return offset
    }
}
