import Foundation
import ReelCore
import Testing

/// ``VideoPolicy`` over every combination of visibility × account privacy × relation × status,
/// each with its expected outcome written out.
@Suite("Video policy")
struct VideoPolicyTests {
    /// The creator's account: `open` (public) or `closed` (private).
    enum Account: CaseIterable {
        case open, closed
        var creator: VideoPolicy.Creator { VideoPolicy.Creator(isPrivate: self == .closed) }
    }

    /// One combination and its expected outcome: space-separated `view`, `play`, `profile`,
    /// `following` and `public` (all four public listings: Popular, hashtag, search, For You); "" for nothing.
    struct Row: Sendable, CustomTestStringConvertible {
        var visibility: Visibility
        var account: Account
        var relation: VideoPolicy.Relation
        var status: VideoStatus
        var expected: String
        init(_ visibility: Visibility, _ account: Account, _ relation: VideoPolicy.Relation, _ status: VideoStatus, _ expected: String) {
            (self.visibility, self.account, self.relation, self.status, self.expected) = (visibility, account, relation, status, expected)
        }
        var testDescription: String { "\(visibility) video, \(account) account, \(relation), \(status) → \(expected.isEmpty ? "nothing" : expected)" }
    }

    static let table: [Row] = [
        Row(.public, .open, .creator, .processing, "view profile"),
        Row(.public, .open, .creator, .ready, "view play profile public"),
        Row(.public, .open, .creator, .failed, "view profile"),
        Row(.public, .open, .follower, .processing, ""),
        Row(.public, .open, .follower, .ready, "view play profile following public"),
        Row(.public, .open, .follower, .failed, ""),
        Row(.public, .open, .stranger, .processing, ""),
        Row(.public, .open, .stranger, .ready, "view play profile public"),
        Row(.public, .open, .stranger, .failed, ""),
        Row(.public, .open, .signedOut, .processing, ""),
        Row(.public, .open, .signedOut, .ready, "view play profile public"),
        Row(.public, .open, .signedOut, .failed, ""),
        Row(.public, .closed, .creator, .processing, "view profile"),
        Row(.public, .closed, .creator, .ready, "view play profile"),
        Row(.public, .closed, .creator, .failed, "view profile"),
        Row(.public, .closed, .follower, .processing, ""),
        Row(.public, .closed, .follower, .ready, "view play profile following"),
        Row(.public, .closed, .follower, .failed, ""),
        Row(.public, .closed, .stranger, .processing, ""),
        Row(.public, .closed, .stranger, .ready, ""),
        Row(.public, .closed, .stranger, .failed, ""),
        Row(.public, .closed, .signedOut, .processing, ""),
        Row(.public, .closed, .signedOut, .ready, ""),
        Row(.public, .closed, .signedOut, .failed, ""),
        Row(.followers, .open, .creator, .processing, "view profile"),
        Row(.followers, .open, .creator, .ready, "view play profile"),
        Row(.followers, .open, .creator, .failed, "view profile"),
        Row(.followers, .open, .follower, .processing, ""),
        Row(.followers, .open, .follower, .ready, "view play profile following"),
        Row(.followers, .open, .follower, .failed, ""),
        Row(.followers, .open, .stranger, .processing, ""),
        Row(.followers, .open, .stranger, .ready, ""),
        Row(.followers, .open, .stranger, .failed, ""),
        Row(.followers, .open, .signedOut, .processing, ""),
        Row(.followers, .open, .signedOut, .ready, ""),
        Row(.followers, .open, .signedOut, .failed, ""),
        Row(.followers, .closed, .creator, .processing, "view profile"),
        Row(.followers, .closed, .creator, .ready, "view play profile"),
        Row(.followers, .closed, .creator, .failed, "view profile"),
        Row(.followers, .closed, .follower, .processing, ""),
        Row(.followers, .closed, .follower, .ready, "view play profile following"),
        Row(.followers, .closed, .follower, .failed, ""),
        Row(.followers, .closed, .stranger, .processing, ""),
        Row(.followers, .closed, .stranger, .ready, ""),
        Row(.followers, .closed, .stranger, .failed, ""),
        Row(.followers, .closed, .signedOut, .processing, ""),
        Row(.followers, .closed, .signedOut, .ready, ""),
        Row(.followers, .closed, .signedOut, .failed, ""),
        Row(.private, .open, .creator, .processing, "view profile"),
        Row(.private, .open, .creator, .ready, "view play profile"),
        Row(.private, .open, .creator, .failed, "view profile"),
        Row(.private, .open, .follower, .processing, ""),
        Row(.private, .open, .follower, .ready, ""),
        Row(.private, .open, .follower, .failed, ""),
        Row(.private, .open, .stranger, .processing, ""),
        Row(.private, .open, .stranger, .ready, ""),
        Row(.private, .open, .stranger, .failed, ""),
        Row(.private, .open, .signedOut, .processing, ""),
        Row(.private, .open, .signedOut, .ready, ""),
        Row(.private, .open, .signedOut, .failed, ""),
        Row(.private, .closed, .creator, .processing, "view profile"),
        Row(.private, .closed, .creator, .ready, "view play profile"),
        Row(.private, .closed, .creator, .failed, "view profile"),
        Row(.private, .closed, .follower, .processing, ""),
        Row(.private, .closed, .follower, .ready, ""),
        Row(.private, .closed, .follower, .failed, ""),
        Row(.private, .closed, .stranger, .processing, ""),
        Row(.private, .closed, .stranger, .ready, ""),
        Row(.private, .closed, .stranger, .failed, ""),
        Row(.private, .closed, .signedOut, .processing, ""),
        Row(.private, .closed, .signedOut, .ready, ""),
        Row(.private, .closed, .signedOut, .failed, ""),
        // A block either way hides everything (rule 7).
        Row(.public, .open, .blocked, .processing, ""),
        Row(.public, .open, .blocked, .ready, ""),
        Row(.public, .open, .blocked, .failed, ""),
        Row(.public, .closed, .blocked, .processing, ""),
        Row(.public, .closed, .blocked, .ready, ""),
        Row(.public, .closed, .blocked, .failed, ""),
        Row(.followers, .open, .blocked, .processing, ""),
        Row(.followers, .open, .blocked, .ready, ""),
        Row(.followers, .open, .blocked, .failed, ""),
        Row(.followers, .closed, .blocked, .processing, ""),
        Row(.followers, .closed, .blocked, .ready, ""),
        Row(.followers, .closed, .blocked, .failed, ""),
        Row(.private, .open, .blocked, .processing, ""),
        Row(.private, .open, .blocked, .ready, ""),
        Row(.private, .open, .blocked, .failed, ""),
        Row(.private, .closed, .blocked, .processing, ""),
        Row(.private, .closed, .blocked, .ready, ""),
        Row(.private, .closed, .blocked, .failed, ""),
    ]

    /// The outcome in the table's notation.
    static func outcome(_ permissions: VideoPolicy.Permissions) -> String {
        var words: [String] = []
        if permissions.canView { words.append("view") }
        if permissions.canPlay { words.append("play") }
        if permissions.mayList(in: .profile) { words.append("profile") }
        if permissions.mayList(in: .following) { words.append("following") }
        let publicListings = VideoPolicy.Listing.allCases.filter(\.isPublic).map(permissions.mayList(in:))
        #expect(Set(publicListings).count <= 1, "the public listings disagree: \(permissions.listings)")
        if publicListings.allSatisfy({ $0 }) { words.append("public") }
        return words.joined(separator: " ")
    }

    @Test("the table covers every combination once")
    func tableIsComplete() {
        let keys = Self.table.map { "\($0.visibility) \($0.account) \($0.relation) \($0.status)" }
        #expect(Set(keys).count == keys.count)
        #expect(keys.count == Visibility.allCases.count * Account.allCases.count * VideoPolicy.Relation.allCases.count * VideoStatus.allCases.count)
    }

    @Test("each combination gets its expected outcome", arguments: table)
    func outcome(_ row: Row) {
        let permissions = VideoPolicy.permissions(for: .init(visibility: row.visibility, status: row.status),
                                                  creator: row.account.creator, relation: row.relation)
        #expect(Self.outcome(permissions) == row.expected)
        #expect(VideoPolicy.isPubliclyListed(.init(visibility: row.visibility, status: row.status), creator: row.account.creator)
                == (row.visibility == .public && row.status == .ready && row.account == .open))
    }

    @Test("a follower may do all a stranger may, a stranger all a signed-out visitor may; listing or playing needs viewing")
    func monotone() {
        for subject in VideoPolicy.Subject.all {
            for creator in VideoPolicy.Creator.allStates {
                let outcomes = [VideoPolicy.Relation.signedOut, .stranger, .follower].map {
                    VideoPolicy.permissions(for: subject, creator: creator, relation: $0)
                }
                for (narrower, wider) in zip(outcomes, outcomes.dropFirst()) {
                    #expect(!narrower.canView || wider.canView)
                    #expect(!narrower.canPlay || wider.canPlay)
                    #expect(narrower.listings.isSubset(of: wider.listings))
                }
                for relation in VideoPolicy.Relation.allCases {
                    let permissions = VideoPolicy.permissions(for: subject, creator: creator, relation: relation)
                    #expect(permissions.canView || (!permissions.canPlay && permissions.listings.isEmpty))
                }
            }
        }
    }

    @Test("an account that is not discoverable (under 16) is never publicly listed, whoever looks; its direct paths are unchanged")
    func undiscoverable() {
        for subject in VideoPolicy.Subject.all {
            for isPrivate in [false, true] {
                let hidden = VideoPolicy.Creator(isPrivate: isPrivate, isDiscoverable: false)
                let shown = VideoPolicy.Creator(isPrivate: isPrivate)
                #expect(!VideoPolicy.isPubliclyListed(subject, creator: hidden))
                for relation in VideoPolicy.Relation.allCases {
                    let narrowed = VideoPolicy.permissions(for: subject, creator: hidden, relation: relation)
                    let usual = VideoPolicy.permissions(for: subject, creator: shown, relation: relation)
                    #expect(narrowed.canView == usual.canView && narrowed.canPlay == usual.canPlay)
                    #expect(narrowed.listings == usual.listings.filter { !$0.isPublic })
                }
            }
        }
    }

    @Test("a mute takes the creator out of the viewer's feeds only")
    func muted() {
        for subject in VideoPolicy.Subject.all {
            for creator in VideoPolicy.Creator.allStates {
                for relation in VideoPolicy.Relation.allCases {
                    let muted = VideoPolicy.permissions(for: subject, creator: creator, relation: relation, isMuted: true)
                    let usual = VideoPolicy.permissions(for: subject, creator: creator, relation: relation)
                    #expect(muted.canView == usual.canView && muted.canPlay == usual.canPlay)
                    let expected = relation == .creator ? usual.listings : usual.listings.filter { !$0.isFeed }
                    #expect(muted.listings == expected)
                }
            }
        }
    }

    @Test("candidates: what a store query must read for a listing")
    func candidates() {
        let ready = VideoStatus.ready
        #expect(VideoPolicy.candidates(for: .popular, relation: .signedOut) == [.init(visibility: .public, status: ready)])
        #expect(VideoPolicy.candidates(for: .following, relation: .follower)
                == [.init(visibility: .public, status: ready), .init(visibility: .followers, status: ready)])
        #expect(VideoPolicy.candidates(for: .following, relation: .stranger).isEmpty)
        #expect(VideoPolicy.candidates(for: .profile, relation: .stranger, creators: [.init(isPrivate: true)]).isEmpty)
        #expect(VideoPolicy.candidates(for: .profile, relation: .creator, creators: [.init(isPrivate: true)]) == Set(VideoPolicy.Subject.all))
    }
}
