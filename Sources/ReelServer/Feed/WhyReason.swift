import ReelCore

/// Why a video is in a feed, as data a client turns into a sentence: the kind of reason and the
/// video, creator, hashtag or region it refers to, plus the ranking model's strongest features as
/// detail. `sentence` is the server's English rendering, sent alongside as `reason`.
struct WhyReason: Codable, Sendable, Equatable {
    /// A video the reason refers to ("because you watched …").
    struct RelatedVideo: Codable, Sendable, Equatable {
        var id: ReelID
        /// Its caption, when the video is still listed.
        var caption: String?
    }

    /// A creator the reason refers to.
    struct Creator: Codable, Sendable, Equatable {
        var id: ReelID
        /// Their handle, when known (without the @).
        var handle: String?
    }

    /// One model feature and its signed contribution to the score (log-odds units).
    struct Detail: Codable, Sendable, Equatable {
        var feature: String
        var weight: Double
    }

    /// `becauseYouWatched`, `becauseOfYourActivity`, `watchedNext`, `similarToYourTaste`, `followingNewUpload`,
    /// `popularInRegion`, `popularWorldwide`, `newUpload`, `matchesHashtag`, `usesSound`,
    /// `watchedBefore`, `seenBefore`, `personalisationOff`, `seenBeforePersonalisationOff` (For You);
    /// `following` (the Following feed), `popular` (the Popular feed), `direct` (opened directly, not in For You).
    var kind: String
    var video: RelatedVideo?
    var creator: Creator?
    var hashtag: String?
    /// The viewer's region name, for `popularInRegion`, `personalisationOff` and `seenBeforePersonalisationOff`.
    var region: String?
    /// The model detail, strongest first (empty when there is none).
    var details: [Detail] = []

    /// The reason as one English sentence, e.g. "Because you watched a video from @maria_cooks."
    var sentence: String {
        let by = creator?.handle.map { "@\($0)" }
        switch kind {
        case "becauseYouWatched": return by.map { "Because you watched a video from \($0)." } ?? "Because you watched a related video."
        case "becauseOfYourActivity": return by.map { "Because of your activity on a video from \($0)." }
            ?? "Because of your activity on a related video."
        case "watchedNext": return by.map { "People who watched a video from \($0) often watch this next." }
            ?? "People who watched your latest videos often watch this next."
        case "similarToYourTaste": return by.map { "Similar to a video from \($0) that you watched." }
            ?? "Similar to videos you have enjoyed."
        case "followingNewUpload": return by.map { "New from \($0), whom you follow." } ?? "New from a creator you follow."
        case "following": return by.map { "You follow \($0)." } ?? "From a creator you follow."
        case "popularInRegion": return region.map { "Popular in the \($0) region today." } ?? "Popular in your region today."
        case "popularWorldwide": return "Popular worldwide today."
        case "newUpload": return by.map { "A new upload from \($0) that Reel is showing to a few viewers." }
            ?? "A new upload that Reel is showing to a few viewers."
        case "matchesHashtag": return hashtag.map { "You often engage with #\($0) videos." } ?? "Matches hashtags you engage with."
        case "usesSound": return "Uses a sound you enjoy."
        case "watchedBefore": return "You watched this before; shown again because you have seen everything new."
        case "seenBefore": return "This was in your feed before; shown again because you have seen everything new."
        case "personalisationOff":
            return "Personalisation is off: popular videos in your region and worldwide."
        case "seenBeforePersonalisationOff":
            return "Personalisation is off: shown again from earlier in this session, because you have scrolled through every popular video."
        case "popular": return "Popular on Reel; not based on your activity."
        case "direct": return "You opened this video directly; it is not in your current For You."
        default: return "Recommended for you."
        }
    }
}
