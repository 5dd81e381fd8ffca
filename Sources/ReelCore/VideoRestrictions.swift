import Foundation

/// The moderation restrictions on one video (issue 13, "Actions"), as a set: each comes from an
/// active statement of reasons and goes when that statement is reversed. Stored as the integer
/// ``rawValue`` beside the video (region store) and, for the two that a listed video can carry,
/// in the public index. ``VideoPolicy`` decides what each one hides.
public struct VideoRestrictions: OptionSet, Sendable, Codable, Hashable {
    /// Bits: removed 1, adults only 2, unverified 4, demoted 8.
    public let rawValue: Int

    /// Creates a set from its stored bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Taken down: nobody sees, plays or finds it, as if deleted, but it is kept for an appeal.
    public static let removed = VideoRestrictions(rawValue: 1)
    /// Only signed-in adults (``AgeBand/adult``) see and play it; it is in no public listing.
    public static let adultsOnly = VideoRestrictions(rawValue: 2)
    /// Labelled unverified: out of For You and Popular, shown with a banner elsewhere.
    public static let unverified = VideoRestrictions(rawValue: 4)
    /// Out of For You only.
    public static let demoted = VideoRestrictions(rawValue: 8)

    /// The restrictions a publicly listed video may carry into the public index (the others keep
    /// it out of the index altogether).
    public static let listable: VideoRestrictions = [.unverified, .demoted]

    /// The labels a viewer is shown, as the API's `labels` array (`["unverified"]`).
    public var labels: [String] { contains(.unverified) ? ["unverified"] : [] }
}
