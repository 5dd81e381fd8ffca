import ReelCore

/// Why someone reports a video, comment or account: the reason categories of a notice under the EU
/// Digital Services Act, Art. 16, grouped like the categories of the EU transparency database
/// (`category` field of a statement of reasons, DSA Art. 24(5)).
public enum ReportCategory: String, Sendable, Codable, CaseIterable {
    /// Content illegal under the law of the reporter's or the content's country (DSA Art. 16).
    case illegalContent = "illegal_content"
    /// Sexual abuse or exploitation of children.
    case childSafety = "child_safety"
    /// Terrorist or violent extremist content.
    case violentExtremism = "violent_extremism"
    /// Threats, incitement or glorification of violence.
    case violence
    /// Hateful conduct against protected groups.
    case hate
    /// Bullying or harassment of a person.
    case harassment
    /// Suicide, self-harm or dangerous acts.
    case selfHarm = "self_harm"
    /// False or misleading information that can cause harm.
    case misinformation
    /// Nudity or sexual content.
    case adultContent = "adult_content"
    /// Spam, scams or fake engagement.
    case spam
    /// Someone else's copyright or trademark.
    case intellectualProperty = "intellectual_property"
    /// Anything else the guidelines forbid.
    case other

    /// Whether a report in this category may be filed without an account: notices of illegal
    /// content must be possible for anyone (DSA Art. 16(1)).
    public var allowsAnonymousReport: Bool {
        switch self {
        case .illegalContent, .childSafety, .violentExtremism: true
        default: false
        }
    }

    /// How urgent a case in this category is, 1 (lowest) … 5 (highest); the moderation queue's
    /// priority starts from it.
    public var severity: Int {
        switch self {
        case .childSafety, .violentExtremism: 5
        case .illegalContent, .selfHarm, .violence: 4
        case .hate, .harassment: 3
        case .misinformation, .adultContent: 2
        case .spam, .intellectualProperty, .other: 1
        }
    }
}

/// What a report or a moderation case is about: one video, comment or account, named by its ID
/// (which carries its home region, so the case lives in the content's region).
public struct ModerationTarget: Sendable, Hashable, Codable {
    /// The kind of thing reported.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case video, comment, account
    }

    /// The kind of thing reported.
    public var kind: Kind
    /// Its ID (a video, comment or user ID).
    public var id: ReelID

    /// Creates a target.
    public init(kind: Kind, id: ReelID) {
        self.kind = kind
        self.id = id
    }
}

/// What a moderator decides on a case. Every kind but `dismiss` restricts someone and therefore
/// produces a statement of reasons (DSA Art. 17).
public enum ModerationActionKind: String, Sendable, Codable, CaseIterable {
    /// The video is taken down: gone from every feed, index, search, the recommender and its link.
    case remove
    /// The video stays, but only signed-in adults may see it.
    case restrictAdults = "restrict_adults"
    /// The video is labelled unverified: out of every For You and Popular, a banner for viewers,
    /// and the client asks before sharing it.
    case labelUnverified = "label_unverified"
    /// The video stays reachable but is no longer recommended in For You.
    case demote
    /// The reported comment is taken down.
    case removeComment = "remove_comment"
    /// The account is suspended for a duration: it cannot sign in or post, and its content is hidden.
    case suspend
    /// The account is closed for good: its content is hidden and it cannot sign in.
    case terminate
    /// No violation found; the case is closed without a restriction.
    case dismiss

    /// Which targets the action applies to.
    public var appliesTo: Set<ModerationTarget.Kind> {
        switch self {
        case .remove, .restrictAdults, .labelUnverified, .demote: [.video]
        case .removeComment: [.comment]
        case .suspend, .terminate: [.account]
        case .dismiss: Set(ModerationTarget.Kind.allCases)
        }
    }

    /// Whether the action restricts someone (and so needs a statement of reasons and can be appealed).
    public var isRestriction: Bool { self != .dismiss }
}
