import Foundation

/// A staff member of one region: signs in like a user plus a TOTP code (RFC 6238), and reads other
/// people's protected data only through the gate, under the region's policy.
public struct StaffMember: Sendable, Equatable {
    /// What a staff member does; the policy allows by role.
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// Answers users' tickets; the shipped policies let support read their region's accounts for a ticket.
        case support
        /// Reviews reported content (the trust-and-safety issue builds on this role).
        case moderator
        /// Runs the service; no access to personal data unless a region's policy grants it.
        case engineer
        /// Checks the platform's compliance; no access to personal data unless a region's policy grants it.
        case auditor
    }

    /// Staff ID, made in the staff member's region (their jurisdiction).
    public var id: ReelID
    /// Sign-in name, unique among the region's staff.
    public var handle: String
    /// What they do.
    public var role: Role
    /// bcrypt hash of the password.
    public var passwordHash: String
    /// The TOTP shared secret: 20 bytes, stored sealed under the data key ``dataKeyID`` (AES-256-GCM,
    /// nonce ‖ ciphertext ‖ tag, 48 bytes) that only the region's custodian holds; the plain 20 bytes
    /// only in a row written before sealing (``dataKeyID`` nil), until the server's next start seals it.
    public var totpSecret: [UInt8]
    /// The ID of the data key (held by the region's custodian) the TOTP secret is sealed under; nil
    /// while it is not sealed yet.
    public var dataKeyID: String?
    /// The last TOTP step a code was accepted for; codes of this step or earlier are refused (no reuse).
    public var lastTOTPStep: Int64?
    /// When the staff member was added.
    public var createdAt: Date

    /// Creates a staff member.
    public init(id: ReelID, handle: String, role: Role, passwordHash: String, totpSecret: [UInt8],
                dataKeyID: String? = nil, lastTOTPStep: Int64? = nil, createdAt: Date) {
        self.id = id
        self.handle = handle
        self.role = role
        self.passwordHash = passwordHash
        self.totpSecret = totpSecret
        self.dataKeyID = dataKeyID
        self.lastTOTPStep = lastTOTPStep
        self.createdAt = createdAt
    }
}
