import Foundation
import ReelCore

/// One record of a region's audit log: who did what to which protected thing, why, and when.
///
/// Stored and hashed as canonical JSON (``canonicalBytes()``): UTF-8, object keys sorted, no
/// whitespace, `/` unescaped, absent fields omitted. A person is named only by a
/// ``SubjectCommitment``, never by an ID or a personal value, so the log can be public.
public struct AuditEntry: Codable, Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The gate allowed or denied access to protected data (``decision`` says which).
        case gateDecision
        /// The custodian created, unwrapped, destroyed or rewrapped a data key, or rotated its key-encryption key.
        case keyOperation
        /// A region's access policy changed.
        case policyChange
        /// A staff member signed in.
        case staffSignIn
        /// A person's data was exported.
        case export
        /// A person's account was erased.
        case erasure
    }

    /// A gate's answer.
    public enum Decision: String, Codable, Sendable {
        case allowed, denied
    }

    /// Format version; 1 is this layout.
    public var version: Int
    /// What happened.
    public var kind: Kind
    /// When, as RFC 3339 UTC with milliseconds, e.g. `2026-11-30T09:48:30.123Z`.
    public var time: String
    /// The region whose log this is.
    public var region: RegionCode
    /// Who acted.
    public var principal: AuditPrincipal
    /// The declared purpose, e.g. `support-ticket`, `recommendation`, `account-creation`.
    public var purpose: String
    /// The stated justification, e.g. a ticket reference.
    public var justification: String
    /// For gate decisions: allowed or denied.
    public var decision: Decision?
    /// The person concerned, as a commitment (``SubjectCommitment``) only they can open.
    public var subject: String?
    /// What was touched, without personal values (e.g. `account.email`, a data key ID).
    public var resource: String?
    /// For key operations: `create`, `unwrap`, `destroy`, `rotate`, `rewrap`.
    public var operation: String?

    /// Creates an entry (version 1).
    public init(kind: Kind, time: Date, region: RegionCode, principal: AuditPrincipal, purpose: String, justification: String,
                decision: Decision? = nil, subject: String? = nil, resource: String? = nil, operation: String? = nil) {
        self.version = 1
        self.kind = kind
        self.time = Self.format(time)
        self.region = region
        self.principal = principal
        self.purpose = purpose
        self.justification = justification
        self.decision = decision
        self.subject = subject
        self.resource = resource
        self.operation = operation
    }

    /// The canonical JSON bytes that the log stores and hashes.
    public func canonicalBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// Decodes stored bytes and checks that they are the canonical form of what they decode to.
    /// - Throws: ``AuditEntryError`` when the bytes are not JSON of this shape or not canonical.
    public static func decodeCanonical(_ bytes: [UInt8]) throws -> AuditEntry {
        let entry: AuditEntry
        do { entry = try JSONDecoder().decode(AuditEntry.self, from: Data(bytes)) } catch {
            throw AuditEntryError.malformed("The entry is not a valid audit entry: \(error).")
        }
        guard try entry.canonicalBytes() == bytes else { throw AuditEntryError.malformed("The entry is not in canonical form.") }
        try entry.validate()
        return entry
    }

    /// Checks the fields a caller supplies.
    /// - Throws: ``AuditEntryError/invalid(_:)`` for an unknown version, an empty or over-long (500
    ///   characters) purpose or justification, or a gate decision without its answer.
    public func validate() throws {
        guard version == 1 else { throw AuditEntryError.invalid("Audit entry version \(version) is not supported; use 1.") }
        for (name, value) in [("purpose", purpose), ("justification", justification)] {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, value.count <= 500 else {
                throw AuditEntryError.invalid("The \(name) must be between 1 and 500 characters.")
            }
        }
        if kind == .gateDecision, decision == nil {
            throw AuditEntryError.invalid("A gate decision entry must say whether access was allowed or denied.")
        }
        if let subject, !SubjectCommitment.isWellFormed(subject) {
            throw AuditEntryError.invalid("The subject must be a commitment: 64 lower-case hex digits.")
        }
    }

    /// RFC 3339 UTC with milliseconds.
    public static func format(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}

/// Who acted on protected data.
public struct AuditPrincipal: Codable, Sendable, Equatable {
    /// The kind of actor.
    public enum Kind: String, Codable, Sendable {
        /// A region service: recommender, media, export, moderation, accounts.
        case service
        /// A staff member; ``role`` and ``jurisdiction`` say which.
        case staff
        /// The custodian's auditor.
        case auditor
        /// The custodian itself (key rotation and rewrapping).
        case custodian
        /// The person themself, reading their own data (role `user`): not someone else's access.
        case user
    }

    /// The kind of actor.
    public var kind: Kind
    /// A service's name (`recommender`) or a staff role (`support`, `moderator`, `engineer`, `auditor`).
    public var role: String
    /// The region whose rules the actor works under.
    public var jurisdiction: RegionCode

    /// Creates a principal.
    public init(kind: Kind, role: String, jurisdiction: RegionCode) {
        self.kind = kind
        self.role = role
        self.jurisdiction = jurisdiction
    }
}

/// An audit entry that can't be recorded or read back.
public enum AuditEntryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The caller's fields break a rule; the message says which.
    case invalid(String)
    /// Stored bytes are not a canonical entry.
    case malformed(String)

    public var description: String {
        switch self {
        case .invalid(let message), .malformed(let message): message
        }
    }
}
