import Foundation
import ReelCore
import Testing

/// Rule 7 of ``VideoPolicy``: what each moderation restriction hides, for every relation.
@Suite("Video policy under moderation")
struct VideoPolicyModerationTests {
    static let ready = VideoPolicy.Subject(visibility: .public, status: .ready)
    static let open = VideoPolicy.Creator(isPrivate: false)
    static let everyListing = Set(VideoPolicy.Listing.allCases)

    static func subject(_ restrictions: VideoRestrictions) -> VideoPolicy.Subject {
        .init(visibility: .public, status: .ready, restrictions: restrictions)
    }

    @Test("removed: nobody, the creator included, sees, plays or lists it; it leaves the public index")
    func removed() {
        for relation in VideoPolicy.Relation.allCases {
            #expect(VideoPolicy.permissions(for: Self.subject(.removed), creator: Self.open, relation: relation, isAdult: true) == .none)
        }
        #expect(!VideoPolicy.isPubliclyListed(Self.subject(.removed), creator: Self.open))
    }

    @Test("adults only: signed-in adults and the creator see it, on the profile and in Following only; minors and visitors get nothing")
    func adultsOnly() {
        let video = Self.subject(.adultsOnly)
        #expect(!VideoPolicy.isPubliclyListed(video, creator: Self.open))
        #expect(VideoPolicy.permissions(for: video, creator: Self.open, relation: .signedOut, isAdult: true) == .none)
        #expect(VideoPolicy.permissions(for: video, creator: Self.open, relation: .stranger, isAdult: false) == .none)
        #expect(VideoPolicy.permissions(for: video, creator: Self.open, relation: .follower, isAdult: false) == .none)
        #expect(VideoPolicy.permissions(for: video, creator: Self.open, relation: .stranger, isAdult: true)
                == .init(canView: true, canPlay: true, listings: [.profile]))
        #expect(VideoPolicy.permissions(for: video, creator: Self.open, relation: .follower, isAdult: true)
                == .init(canView: true, canPlay: true, listings: [.profile, .following]))
        #expect(VideoPolicy.permissions(for: video, creator: Self.open, relation: .creator, isAdult: false).canPlay)
    }

    @Test("unverified: out of For You and Popular; demoted: out of For You; both stay listed elsewhere")
    func labels() {
        let stranger = { (r: VideoRestrictions) in VideoPolicy.permissions(for: Self.subject(r), creator: Self.open, relation: .stranger) }
        #expect(stranger([]).listings == [.profile, .popular, .hashtag, .search, .forYou])
        #expect(stranger(.unverified).listings == [.profile, .hashtag, .search])
        #expect(stranger(.demoted).listings == [.profile, .popular, .hashtag, .search])
        #expect(stranger([.unverified, .demoted]).canPlay)
        #expect(VideoPolicy.isPubliclyListed(Self.subject(.unverified), creator: Self.open))
        #expect(!VideoPolicy.isRecommendable(Self.subject(.unverified), creator: Self.open))
        #expect(!VideoPolicy.isRecommendable(Self.subject(.demoted), creator: Self.open))
        #expect(VideoPolicy.isRecommendable(Self.ready, creator: Self.open))
    }

    @Test("a hidden (suspended or terminated) creator's videos are shown to nobody else and listed nowhere")
    func hiddenCreator() {
        let hidden = VideoPolicy.Creator(isPrivate: false, moderation: .hidden)
        for relation in [VideoPolicy.Relation.signedOut, .stranger, .follower] {
            #expect(VideoPolicy.permissions(for: Self.ready, creator: hidden, relation: relation, isAdult: true) == .none)
        }
        #expect(!VideoPolicy.isPubliclyListed(Self.ready, creator: hidden))
        #expect(VideoPolicy.permissions(for: Self.ready, creator: hidden, relation: .creator).canView)
    }

    @Test("a hidden profile hides until its end; an account's hiddenUntil follows suspension and termination")
    func hiddenUntil() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var account = Account(id: ReelID(unixMilliseconds: 1_800_000_000_000, regionIndex: 1, sequence: 1), handle: "a", email: "a@example.com",
                              passwordHash: "x", country: "US", birthDate: "1990-01-01", displayName: "A", isPrivate: false, createdAt: now)
        #expect(!account.publicProfile.isHidden(at: now))
        account.suspendedUntil = now.addingTimeInterval(60)
        #expect(account.publicProfile.isHidden(at: now))
        #expect(!account.publicProfile.isHidden(at: now.addingTimeInterval(61)))
        account.terminatedAt = now
        #expect(account.publicProfile.isHidden(at: now.addingTimeInterval(10 * 365 * 86_400)))
    }
}
