import ReelCore

/// The privacy rules for young accounts (DSA Art. 28; TikTok's published practice for under-16s):
/// accounts under 16 start private, are never recommended to strangers (``Account/isDiscoverable``,
/// ``VideoPolicy`` rule 8), and going public needs an explicit confirmation. Reel has no direct
/// messages, so there are none to switch off.
public enum TeenPrivacy {
    /// Whether a new account of `band` starts private: every minor's does (under 18).
    public static func startsPrivate(_ band: AgeBand) -> Bool { band.isMinor }

    /// Checks a change of an account's privacy: an account under 16 going public must confirm it.
    /// - Parameters:
    ///   - band: the account's age band.
    ///   - isPrivate: whether the account is private now.
    ///   - newValue: the privacy asked for.
    ///   - isConfirmed: whether the request carries `confirmPublic: true`.
    /// - Throws: ``ReelError`` 409 `confirmation_required`.
    public static func checkPrivacyChange(band: AgeBand, isPrivate: Bool, to newValue: Bool, isConfirmed: Bool) throws {
        guard band == .under16, isPrivate, !newValue, !isConfirmed else { return }
        throw ReelError.conflict("Making an account under 16 public shows its videos to anyone who opens its profile; send confirmPublic: true to confirm.",
                                 code: "confirmation_required")
    }
}
