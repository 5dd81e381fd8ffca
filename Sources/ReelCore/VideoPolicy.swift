import Foundation

/// The one rule for who may see, play and find a video. Pure: the caller reads the facts
/// (the video, its creator's account state, the viewer's relation to the creator) and every path
/// that shows a video (its JSON, media, poster, comments, the profile grid, Following, Popular,
/// hashtag pages, search, For You) asks this type instead of deciding for itself.
///
/// The rules, in order (the same text is in docs/api.md, "Visibility"):
/// 1. The creator sees their own video in any status and visibility, on their profile grid.
/// 2. Anyone else sees it only once it is `ready`, and then:
///    - `private`: nobody else.
///    - `followers`: followers only.
///    - `public`: anyone if the account is public; followers only if the account is private
///      (strangers see nothing of a private account's videos).
/// 3. Playing the media or the poster needs seeing it and status `ready` (the creator's own
///    processing or failed video has metadata but no media).
/// 4. The profile grid lists what the viewer may see; Following lists it for followers.
/// 5. The public listings (Popular, hashtag pages, search, For You) list only *publicly listed*
///    videos: `public`, `ready`, of a public account. That does not depend on the viewer, so a
///    private account's public video is found by nobody there — not even its followers, who see it
///    in Following and on the profile grid — and the public index holds exactly these videos.
/// 6. A follower may do everything a stranger may, and a stranger everything a signed-out visitor may.
/// 7. Moderation (``VideoRestrictions``, issue 13) narrows all of the above, for the creator too
///    where it says so:
///    - `removed`: nobody, not even the creator, sees, plays or lists it (like a deleted video).
///    - `adultsOnly`: besides the creator, only signed-in adults see and play it; it is not publicly
///      listed (the public listings are the same for every viewer).
///    - `unverified`: neither For You nor Popular lists it.
///    - `demoted`: For You does not list it.
///    - A creator whose account is hidden (suspended or terminated) has every video hidden from
///      everyone else.
/// 8. A block, in either direction, hides everything: the viewer is `blocked` and sees nothing.
/// 9. A creator who is not discoverable (an account under 16) is never publicly listed: their
///    videos reach nobody through Popular, hashtag pages, search or For You, whatever their settings.
/// 10. A viewer who muted the creator keeps every permission except the feeds (Following, Popular,
///    For You): muting hides, it does not protect.
public enum VideoPolicy {
    /// The viewer's relation to the video's creator.
    public enum Relation: Sendable, CaseIterable, Hashable {
        /// The viewer is the creator (self).
        case creator
        /// A signed-in viewer who follows the creator.
        case follower
        /// A signed-in viewer who does not follow the creator.
        case stranger
        /// Nobody is signed in.
        case signedOut
        /// The viewer blocked the creator, or the creator blocked the viewer (rule 7).
        case blocked
    }

    /// Trust-and-safety state of a creator's account.
    public enum ModerationState: Sendable, CaseIterable, Hashable {
        /// No moderation action applies.
        case none
        /// Suspended or terminated: nobody but the creator sees any of their videos.
        case hidden
    }

    /// What the policy needs to know about the video's creator.
    public struct Creator: Sendable, Hashable {
        /// Whether the account is private (its videos are for followers only).
        public var isPrivate: Bool
        /// Moderation state; `none` changes nothing.
        public var moderation: ModerationState
        /// Whether the account's videos may be publicly listed at all (false under 16, rule 9).
        public var isDiscoverable: Bool

        /// Creates a creator state.
        public init(isPrivate: Bool, moderation: ModerationState = .none, isDiscoverable: Bool = true) {
            self.isPrivate = isPrivate
            self.moderation = moderation
            self.isDiscoverable = isDiscoverable
        }

        /// Every state a creator can be in, for queries that serve many creators at once.
        public static var allStates: [Creator] {
            [false, true].flatMap { isPrivate in
                [true, false].flatMap { isDiscoverable in
                    ModerationState.allCases.map { Creator(isPrivate: isPrivate, moderation: $0, isDiscoverable: isDiscoverable) }
                }
            }
        }
    }

    /// What the policy needs to know about the video itself.
    public struct Subject: Sendable, Hashable {
        /// Who the creator shares it with.
        public var visibility: Visibility
        /// Where it is in its pipeline.
        public var status: VideoStatus
        /// Moderation restrictions in force.
        public var restrictions: VideoRestrictions

        /// Creates a subject.
        public init(visibility: Visibility, status: VideoStatus, restrictions: VideoRestrictions = []) {
            self.visibility = visibility
            self.status = status
            self.restrictions = restrictions
        }

        /// The subject of a stored video.
        public init(_ video: Video) {
            self.init(visibility: video.visibility, status: video.status, restrictions: video.restrictions)
        }

        /// The subject of a video in the public index (public, ready, with its listable restrictions).
        public init(_ video: PublicVideo) {
            self.init(visibility: .public, status: .ready, restrictions: video.restrictions)
        }

        /// Every combination of visibility and status, without restrictions (restrictions only
        /// narrow what these allow, so store queries need not read by them).
        public static var all: [Subject] {
            Visibility.allCases.flatMap { visibility in VideoStatus.allCases.map { Subject(visibility: visibility, status: $0) } }
        }
    }

    /// The places that list videos.
    public enum Listing: Sendable, CaseIterable, Hashable {
        /// `GET /v1/users/{handle}/videos`.
        case profile
        /// The Following feed.
        case following
        /// The Popular feed.
        case popular
        /// `GET /v1/hashtags/{key}/videos`.
        case hashtag
        /// `GET /v1/search?type=videos`.
        case search
        /// The For You feed.
        case forYou

        /// Whether the listing shows only publicly listed videos (served from the public index).
        public var isPublic: Bool {
            switch self {
            case .profile, .following: false
            case .popular, .hashtag, .search, .forYou: true
            }
        }

        /// Whether the listing is a feed, which a mute empties of the muted creator (rule 9).
        public var isFeed: Bool {
            switch self {
            case .following, .popular, .forYou: true
            case .profile, .hashtag, .search: false
            }
        }
    }

    /// What one viewer may do with one video.
    public struct Permissions: Sendable, Hashable {
        /// May read its metadata (`GET /v1/videos/{id}`), its comments, and like, share, comment on
        /// or report watching it. When false the video answers 404, so its existence is not revealed.
        public var canView: Bool
        /// May fetch its media and poster.
        public var canPlay: Bool
        /// The listings that may show it to this viewer.
        public var listings: Set<Listing>

        /// Creates a permission set.
        public init(canView: Bool, canPlay: Bool, listings: Set<Listing>) {
            self.canView = canView
            self.canPlay = canPlay
            self.listings = listings
        }

        /// Whether `listing` may show the video to this viewer.
        public func mayList(in listing: Listing) -> Bool { listings.contains(listing) }

        /// Nothing at all.
        public static let none = Permissions(canView: false, canPlay: false, listings: [])
    }

    /// What a viewer with `relation` to the creator may do with `video`; `isAdult` says whether a
    /// signed-in viewer is an adult (``AgeBand/adult``), which only `adultsOnly` videos ask;
    /// `isMuted` when the viewer muted the creator (rule 10).
    /// - Complexity: O(1).
    public static func permissions(for video: Subject, creator: Creator, relation: Relation, isAdult: Bool = false,
                                   isMuted: Bool = false) -> Permissions {
        if video.restrictions.contains(.removed) { return .none }
        // Exhaustive on purpose: a new moderation state must be decided here.
        switch creator.moderation {
        case .none: break
        case .hidden: if relation != .creator { return .none }
        }
        if video.restrictions.contains(.adultsOnly), relation != .creator, relation == .signedOut || !isAdult { return .none }
        let canView = mayView(video, creator: creator, relation: relation)
        guard canView else { return .none }
        var listings: Set<Listing> = [.profile]
        if relation == .follower { listings.insert(.following) }
        if isPubliclyListed(video, creator: creator) { listings.formUnion(Listing.allCases.filter(\.isPublic)) }
        if video.restrictions.contains(.unverified) { listings.subtract([.forYou, .popular]) }
        if video.restrictions.contains(.demoted) { listings.remove(.forYou) }
        if isMuted && relation != .creator { listings = listings.filter { !$0.isFeed } }
        return Permissions(canView: true, canPlay: video.status == .ready, listings: listings)
    }

    /// Whether `video` belongs in the public listings (and so in the public index): `public`,
    /// `ready`, its creator's account public and not hidden, and neither removed nor adults-only.
    /// The same for every viewer. (An unverified or demoted video is listed, and left out of
    /// For You or Popular by ``permissions(for:creator:relation:isAdult:)``.)
    public static func isPubliclyListed(_ video: Subject, creator: Creator) -> Bool {
        switch creator.moderation {  // Exhaustive on purpose, as above.
        case .none: break
        case .hidden: return false
        }
        guard video.restrictions.isDisjoint(with: [.removed, .adultsOnly]) else { return false }
        return video.visibility == .public && video.status == .ready && !creator.isPrivate && creator.isDiscoverable
    }

    /// Whether a listed video may be in the recommenders' catalogues (For You): publicly listed
    /// and neither unverified nor demoted.
    public static func isRecommendable(_ video: Subject, creator: Creator) -> Bool {
        isPubliclyListed(video, creator: creator) && video.restrictions.isDisjoint(with: [.unverified, .demoted])
    }

    /// The subjects `listing` may show to a viewer with `relation` to a creator in any of
    /// `creators`' states: what a store query for that listing must read before each result is
    /// checked with ``permissions(for:creator:relation:)``.
    public static func candidates(for listing: Listing, relation: Relation, creators: [Creator] = Creator.allStates) -> Set<Subject> {
        Set(creators.flatMap { creator in
            Subject.all.filter { permissions(for: $0, creator: creator, relation: relation).mayList(in: listing) }
        })
    }

    /// Rules 1 and 2 of the type's documentation.
    private static func mayView(_ video: Subject, creator: Creator, relation: Relation) -> Bool {
        if relation == .creator { return true }
        guard relation != .blocked, video.status == .ready else { return false }
        switch video.visibility {
        case .private: return false
        case .followers: return relation == .follower
        case .public: return !creator.isPrivate || relation == .follower
        }
    }
}
