import Foundation
import ReelCore

/// One region's declarative access policy: which principals may read which protected resources,
/// for which purposes. Deny by default: a request that no rule matches is refused.
///
/// Kept as JSON in `<dataDirectory>/policy/<region>.json` (docs/sovereignty.md, "Access policy"):
/// ```json
/// {"version": 1, "region": "eu", "rules": [
///   {"name": "support", "principal": "staff", "roles": ["support"], "jurisdictions": ["eu"],
///    "purposes": ["support-ticket"], "resources": ["account.*"], "justificationRequired": true}]}
/// ```
/// A rule matches when the principal's kind is `principal`, its role is in `roles` (absent: any
/// role), its jurisdiction is in `jurisdictions` (absent: this region only, so another region's
/// staff and services are refused unless a rule names their region), the purpose is in `purposes`,
/// the resource matches one of `resources` (`*`, an exact name, or `prefix.*` for `prefix` and
/// everything under it) and, when `justificationRequired` (the default for staff), a justification
/// was given. Evaluation is O(rules × patterns).
public struct AccessPolicy: Codable, Sendable, Equatable {
    /// Format version; 1 is this layout.
    public var version: Int
    /// The region whose data this policy guards.
    public var region: RegionCode
    /// The rules; any one matching allows the request.
    public var rules: [Rule]

    /// One allowing rule.
    public struct Rule: Codable, Sendable, Equatable {
        /// A name for the rule, shown in audit logs and errors.
        public var name: String
        /// The kind of principal it is for.
        public var principal: AuditPrincipal.Kind
        /// The service names or staff roles it is for; nil for any.
        public var roles: [String]?
        /// The jurisdictions it is for; nil for the policy's own region only.
        public var jurisdictions: [RegionCode]?
        /// The purposes it allows.
        public var purposes: [String]
        /// Resource patterns: `*`, an exact name, or `prefix.*`.
        public var resources: [String]
        /// Whether a justification must be given; nil means yes for staff and no otherwise.
        public var justificationRequired: Bool?

        /// Creates a rule.
        public init(name: String, principal: AuditPrincipal.Kind, roles: [String]? = nil, jurisdictions: [RegionCode]? = nil,
                    purposes: [String], resources: [String], justificationRequired: Bool? = nil) {
            self.name = name
            self.principal = principal
            self.roles = roles
            self.jurisdictions = jurisdictions
            self.purposes = purposes
            self.resources = resources
            self.justificationRequired = justificationRequired
        }
    }

    /// Creates a policy.
    public init(region: RegionCode, rules: [Rule]) {
        self.version = 1
        self.region = region
        self.rules = rules
    }

    /// Decodes and checks a policy file for `region`.
    /// - Throws: ``AccessPolicyError`` when the JSON is malformed, the version is not 1, the file names
    ///   another region, or a rule has no name, purposes or resources.
    public static func decode(_ data: Data, for region: RegionCode) throws -> AccessPolicy {
        let policy: AccessPolicy
        do { policy = try JSONDecoder().decode(AccessPolicy.self, from: data) } catch {
            throw AccessPolicyError("The policy for region \(region) is not valid JSON of the policy format: \(error).")
        }
        guard policy.version == 1 else { throw AccessPolicyError("Policy version \(policy.version) is not supported; use 1.") }
        guard policy.region == region else {
            throw AccessPolicyError("The policy file for region \(region) names region \(policy.region).")
        }
        for rule in policy.rules {
            guard !rule.name.isEmpty, !rule.purposes.isEmpty, !rule.resources.isEmpty else {
                throw AccessPolicyError("Every rule needs a name, at least one purpose and at least one resource.")
            }
        }
        return policy
    }

    /// The policy as the pretty, key-sorted JSON written to a policy file.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Decides a request: allowed by the first matching rule, otherwise denied.
    public func evaluate(_ request: AccessRequest) -> AccessVerdict {
        let justified = !request.justification.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        for rule in rules where rule.principal == request.principal.kind {
            guard rule.roles?.contains(request.principal.role) ?? true,
                  (rule.jurisdictions ?? [region]).contains(request.principal.jurisdiction),
                  rule.purposes.contains(request.purpose),
                  rule.resources.contains(where: { Self.pattern($0, matches: request.resource) }) else { continue }
            if rule.justificationRequired ?? (rule.principal == .staff), !justified { continue }
            return AccessVerdict(allowed: true, rule: rule.name,
                                 reason: "Allowed by rule \"\(rule.name)\" of region \(region)'s policy.")
        }
        let who = "\(request.principal.kind.rawValue) \(request.principal.role) of region \(request.principal.jurisdiction)"
        return AccessVerdict(allowed: false, rule: nil,
                             reason: "Region \(region)'s policy does not allow \(who) to read \(request.resource) for \(request.purpose).")
    }

    /// Whether a resource pattern matches a resource name.
    static func pattern(_ pattern: String, matches resource: String) -> Bool {
        if pattern == "*" || pattern == resource { return true }
        guard pattern.hasSuffix(".*") else { return false }
        let prefix = pattern.dropLast(2)
        return resource == prefix || resource.hasPrefix(prefix + ".")
    }
}

/// What a principal asks the gate for.
public struct AccessRequest: Sendable, Equatable {
    /// Who asks.
    public var principal: AuditPrincipal
    /// Why (e.g. `support-ticket`, `recommendation`, `export`).
    public var purpose: String
    /// What (e.g. `account.protectedFields`, `behaviour.events`).
    public var resource: String
    /// The stated justification (a ticket reference for staff); may be empty for services.
    public var justification: String

    /// Creates a request.
    public init(principal: AuditPrincipal, purpose: String, resource: String, justification: String) {
        self.principal = principal
        self.purpose = purpose
        self.resource = resource
        self.justification = justification
    }
}

/// A policy's answer.
public struct AccessVerdict: Sendable, Equatable {
    /// Whether access is allowed.
    public var allowed: Bool
    /// The rule that allowed it; nil when denied.
    public var rule: String?
    /// A full sentence saying why.
    public var reason: String
}

/// A policy file that can't be used.
public struct AccessPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A full sentence saying what is wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
