import Foundation

/// A user's account as held in their home region. Every field but the public profile
/// (``handle``, ``displayName``, ``bio``, ``avatarURL``) is protected personal data.
public struct Account: Sendable, Codable, Equatable {
    /// Region-tagged user ID; its region is the account's home region.
    public var id: ReelID
    /// Unique worldwide, lower case, 3–24 of `a-z 0-9 _ .`.
    public var handle: String
    /// Protected: login and contact address, lower-cased.
    public var email: String
    /// Protected: bcrypt hash of the password.
    public var passwordHash: String
    /// Protected: ISO 3166-1 alpha-2 country declared at sign-up.
    public var country: String
    /// Protected: `YYYY-MM-DD`.
    public var birthDate: String
    /// Public display name.
    public var displayName: String
    /// Public short biography.
    public var bio: String
    /// Public avatar image URL, if any.
    public var avatarURL: String?
    /// Whether only approved followers may see the account's videos (teen accounts start private).
    public var isPrivate: Bool
    /// Whether For You may use the account's behaviour (off gives the non-profiled feed).
    public var isPersonalisedFeed: Bool
    /// When the account was created.
    public var createdAt: Date
    /// Aggregate: accounts following this one.
    public var followerCount: Int
    /// Aggregate: accounts this one follows.
    public var followingCount: Int
    /// Aggregate: likes received on this account's videos.
    public var likeCount: Int
    /// Aggregate: this account's ready videos.
    public var videoCount: Int
    /// Protected: 32 random bytes made at sign-up, kept with the other protected fields. Audit
    /// entries name the user only as `SubjectCommitment.commitment(userID:nonce:)`, which the user
    /// (who can read this nonce) can open and nobody else can link to them.
    public var subjectNonce: Data
    /// The ID of the account's data key, held (wrapped) only by the home region's custodian. When
    /// set, the store holds ``email``, ``birthDate`` and ``subjectNonce`` sealed under that key
    /// (AES-256-GCM); nil only for a row written before envelope encryption, until it is sealed.
    public var dataKeyID: String?
    /// The keyed blind index of ``email`` in its home region (HMAC-SHA-256 under the region's key,
    /// hex): what log-in and the uniqueness check look up, so the plaintext email is never stored.
    public var emailIndex: String?
    /// Plaintext age band beside the encrypted birth date, for policy decisions.
    public var ageBand: AgeBand
    /// Protected: the end of a moderation suspension (the account cannot sign in or post, and its
    /// content is hidden, until then); nil when not suspended.
    public var suspendedUntil: Date?
    /// Protected: when a moderator terminated the account (for good, unless reversed on appeal).
    public var terminatedAt: Date?

    /// Whether the account's videos may be publicly listed (Popular, hashtag pages, search, For
    /// You): not for accounts under 16, whose videos are never recommended to strangers.
    public var isDiscoverable: Bool { ageBand != .under16 }

    /// Creates an account record with zero counters (and a fresh ``subjectNonce`` unless one is given).
    public init(id: ReelID, handle: String, email: String, passwordHash: String, country: String, birthDate: String,
                displayName: String, bio: String = "", avatarURL: String? = nil, isPrivate: Bool, isPersonalisedFeed: Bool = true,
                createdAt: Date, subjectNonce: Data = Account.newSubjectNonce()) {
        self.id = id
        self.handle = handle
        self.email = email
        self.passwordHash = passwordHash
        self.country = country
        self.birthDate = birthDate
        self.displayName = displayName
        self.bio = bio
        self.avatarURL = avatarURL
        self.isPrivate = isPrivate
        self.isPersonalisedFeed = isPersonalisedFeed
        self.createdAt = createdAt
        followerCount = 0
        followingCount = 0
        likeCount = 0
        videoCount = 0
        self.subjectNonce = subjectNonce
        dataKeyID = nil
        emailIndex = nil
        ageBand = AgeBand(birthDate: birthDate, on: Date())
        suspendedUntil = nil
        terminatedAt = nil
    }

    /// Until when moderation hides the account and its content: `distantFuture` once terminated,
    /// the suspension's end while suspended, nil otherwise.
    public var hiddenUntil: Date? {
        terminatedAt != nil ? .distantFuture : suspendedUntil
    }

    /// 32 bytes from the system's cryptographically secure generator (getrandom(2) on Linux).
    public static func newSubjectNonce() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The public part of this account, safe for the public index.
    public var publicProfile: PublicProfile {
        PublicProfile(userID: id, handle: handle, displayName: displayName, bio: bio, avatarURL: avatarURL,
                      isPrivate: isPrivate, followerCount: followerCount, followingCount: followingCount,
                      likeCount: likeCount, videoCount: videoCount, hiddenUntil: hiddenUntil, isDiscoverable: isDiscoverable)
    }
}

/// The public face of an account: what anyone anywhere may see. Holds nothing personal.
public struct PublicProfile: Sendable, Codable, Equatable {
    /// The account's ID.
    public var userID: ReelID
    /// Unique handle.
    public var handle: String
    /// Display name.
    public var displayName: String
    /// Short biography.
    public var bio: String
    /// Avatar URL, if any.
    public var avatarURL: String?
    /// Whether the account is private (its videos are shown to followers only).
    public var isPrivate: Bool
    /// Aggregate follower count.
    public var followerCount: Int
    /// Aggregate following count.
    public var followingCount: Int
    /// Aggregate likes received.
    public var likeCount: Int
    /// Aggregate ready public videos.
    public var videoCount: Int
    /// Until when moderation hides the account (suspended; `distantFuture` when terminated): its
    /// profile and videos answer 404 to everyone else meanwhile. Public in the sense that the
    /// hiding itself is visible to anyone; the reasons stay in the home region.
    public var hiddenUntil: Date?
    /// Whether the account's videos may appear in the public listings at all (false for accounts
    /// under 16). Public because it is a listing setting, like ``isPrivate``; it says no age.
    public var isDiscoverable: Bool

    /// Creates a public profile.
    public init(userID: ReelID, handle: String, displayName: String, bio: String, avatarURL: String?, isPrivate: Bool,
                followerCount: Int, followingCount: Int, likeCount: Int, videoCount: Int, hiddenUntil: Date? = nil,
                isDiscoverable: Bool = true) {
        self.hiddenUntil = hiddenUntil
        self.isDiscoverable = isDiscoverable
        self.userID = userID
        self.handle = handle
        self.displayName = displayName
        self.bio = bio
        self.avatarURL = avatarURL
        self.isPrivate = isPrivate
        self.followerCount = followerCount
        self.followingCount = followingCount
        self.likeCount = likeCount
        self.videoCount = videoCount
    }
}

extension PublicProfile {
    /// Whether moderation hides the account at `date`.
    public func isHidden(at date: Date) -> Bool { hiddenUntil.map { $0 > date } ?? false }
}

/// A login session; the bearer token names it so logout can revoke it.
public struct Session: Sendable, Codable, Equatable {
    /// Session ID (in the user's home region).
    public var id: ReelID
    /// The signed-in user.
    public var userID: ReelID
    /// When the session was created.
    public var createdAt: Date
    /// When its token stops being accepted.
    public var expiresAt: Date
    /// When it was revoked by logout, if it was.
    public var revokedAt: Date?

    /// Creates a live session.
    public init(id: ReelID, userID: ReelID, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.userID = userID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        revokedAt = nil
    }
}
