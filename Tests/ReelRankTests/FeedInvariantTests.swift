import ReelRank
import Testing

/// Property tests: on random catalogues, histories and settings, every page obeys the safety,
/// diversity and viewer-choice rules, across several pages of one feed session.
@Suite("Feed invariants on random inputs")
struct FeedInvariantTests {
    struct Scenario {
        var recommender: Recommender
        var videos: [UInt64: VideoMetadata]
        var watched: [UInt64: Set<UInt64>] = [:]
        var notInterestedVideos: [UInt64: Set<UInt64>] = [:]
        var notInterestedCreators: [UInt64: Set<UInt64>] = [:]
        var notInterestedSounds: [UInt64: Set<UInt64>] = [:]
        var blocked: [UInt64: Set<UInt64>] = [:]
        var keywords: [UInt64: [String]] = [:]
    }

    static func scenario(seed: UInt64) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let tags = ["cooking", "dance", "pets", "spoilers", "music", "sports"]
        let config = RecommenderConfig()
        let recommender = Recommender(config: config)
        var videos: [UInt64: VideoMetadata] = [:]
        let safeties: [SafetyState] = [.ok, .ok, .ok, .ok, .unverified, .removed, .ageRestricted]
        let videoCount = 150 + Int(rng.next() % 250)
        let creators = 8 + rng.next() % 30
        for id in 1 ... UInt64(videoCount) {
            let v = Fixtures.video(
                id, creator: 500 + rng.next() % creators, tags: [tags[Int(rng.next() % UInt64(tags.count))]],
                sound: rng.next() % 3 == 0 ? nil : 9000 + rng.next() % 12,
                uploadedAt: Fixtures.start - Double(rng.next() % 400_000),
                region: rng.next() % 4 == 0 ? "us" : "eu", safety: safeties[Int(rng.next() % UInt64(safeties.count))],
                caption: rng.next() % 10 == 0 ? "big finale spoilers inside" : "fun")
            videos[id] = v
            recommender.upsert(video: v)
        }
        var s = Scenario(recommender: recommender, videos: videos)
        var time = Fixtures.start
        for _ in 0 ..< 1500 {
            let user = 1 + rng.next() % 12
            let video = 1 + rng.next() % UInt64(videoCount)
            time += Double(rng.next() % 60)
            let roll = rng.next() % 100
            let meta = videos[video]!
            switch roll {
            case 0 ..< 80:
                recommender.record(Fixtures.watch(user, video, completed: rng.next() % 2 == 0, at: time))
                s.watched[user, default: []].insert(video)
            case 80 ..< 88:
                recommender.record(InteractionEvent(user: user, video: video, kind: .like, time: time))
            case 88 ..< 92:
                recommender.record(InteractionEvent(user: user, video: video, kind: .notInterested, time: time))
                s.notInterestedVideos[user, default: []].insert(video)
            case 92 ..< 94:
                recommender.record(InteractionEvent(user: user, video: video, kind: .notInterestedInCreator, time: time))
                s.notInterestedCreators[user, default: []].insert(meta.creator)
            case 94 ..< 96:
                recommender.record(InteractionEvent(user: user, video: video, kind: .notInterestedInSound, time: time))
                if let sound = meta.soundID { s.notInterestedSounds[user, default: []].insert(sound) }
            case 96 ..< 98:
                recommender.block(user: user, creator: meta.creator)
                s.blocked[user, default: []].insert(meta.creator)
            default:
                recommender.setFollowing(user: user, creator: meta.creator, isFollowing: true)
            }
        }
        for user in 1 ... UInt64(12) where rng.next() % 3 == 0 {
            recommender.setKeywordFilters(user: user, ["Spoilers"])
            s.keywords[user] = ["spoilers"]
        }
        if rng.next() % 2 == 0 { recommender.retrain() }
        return s
    }

    @Test("safety, diversity, no repeats and viewer choices hold on every page", arguments: 0 ..< 12)
    func invariantsHold(seed: UInt64) throws {
        let s = Self.scenario(seed: seed)
        let now = Fixtures.start + 100_000
        for user in 1 ... UInt64(12) {
            let teen = user % 3 == 0
            var viewer = Fixtures.viewer(user, teen: teen, region: user % 2 == 0 ? "eu" : "us")
            viewer.isPersonalized = user % 5 != 0
            var feed: [RecommendedItem] = []
            // A page relaxes its rules where they would end it early, and then for the rest of it:
            // from the first item that breaks creator spacing on it. Spacing is checked everywhere else.
            var relaxedFrom: [Int: Int] = [:]
            var pageStart: [Int] = []
            var cursor: String?
            for _ in 0 ..< 4 {
                let page = s.recommender.recommend(for: viewer, limit: 8, cursor: cursor, now: now)
                let start = feed.count
                pageStart += Array(repeating: start, count: page.items.count)
                feed += page.items
                for n in start ..< feed.count where !feed[n].isRewatch {
                    let creator = s.videos[feed[n].videoID]!.creator
                    if feed[max(0, n - 4) ..< n].contains(where: { s.videos[$0.videoID]!.creator == creator }) {
                        relaxedFrom[start] = n
                        break
                    }
                }
                cursor = page.nextCursor
                if cursor == nil { break }
            }
            #expect(!feed.isEmpty)
            let ids = feed.map(\.videoID)
            #expect(Set(ids).count == ids.count, "an item repeated across pages")
            for (n, item) in feed.enumerated() {
                let v = try #require(s.videos[item.videoID])
                #expect(v.safety != .removed && v.safety != .unverified)
                if teen { #expect(v.safety != .ageRestricted) }
                // Watched videos come back only as marked re-watches, after every unseen one.
                if viewer.isPersonalized && !item.isRewatch { #expect(!(s.watched[user]?.contains(v.id) ?? false), "watched video shown") }
                if item.isRewatch { #expect(s.watched[user]?.contains(v.id) ?? false, "a re-watch the viewer never watched") }
                #expect(!(s.notInterestedVideos[user]?.contains(v.id) ?? false))
                #expect(!(s.notInterestedCreators[user]?.contains(v.creator) ?? false))
                #expect(!(v.soundID.map { s.notInterestedSounds[user]?.contains($0) ?? false } ?? false))
                #expect(!(s.blocked[user]?.contains(v.creator) ?? false))
                if s.keywords[user] != nil { #expect(!v.caption.contains("spoilers") && !v.hashtags.contains("spoilers")) }
                let window = feed[max(0, n - 4) ..< n].map { s.videos[$0.videoID]!.creator }
                if !item.isRewatch && n < relaxedFrom[pageStart[n], default: .max] {
                    #expect(!window.contains(v.creator), "creator \(v.creator) twice within 5 consecutive items")
                }
                #expect(!item.explanation.description.isEmpty)
            }
        }
    }
}
