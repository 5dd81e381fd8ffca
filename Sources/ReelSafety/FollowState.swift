/// Where a signed-in viewer stands with another account's followers.
public enum FollowState: String, Sendable, Codable, CaseIterable {
    /// Not following and no request pending.
    case none
    /// A follow request to the (private) account is pending its owner's approval; until then the
    /// viewer is a stranger to it.
    case requested
    /// Following.
    case following
}
