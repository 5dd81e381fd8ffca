import ReelCore

extension AccessPolicy {
    /// The policy shipped for a region, written to its policy file when none exists: the region's own
    /// services for their own purposes, its support staff for support tickets, the custodian's auditor
    /// for audits, its moderators for the region's moderation cases (docs/safety.md). Nothing for other regions' staff or
    /// services, or engineers (deny by default).
    public static func shippedDefault(for region: RegionCode) -> AccessPolicy {
        AccessPolicy(region: region, rules: [
            Rule(name: "accounts-service", principal: .service, roles: ["accounts"],
                 purposes: ["sign-in", "uniqueness-check"], resources: ["account.*"]),
            Rule(name: "export-service", principal: .service, roles: ["export"],
                 purposes: ["export"], resources: ["account.*", "behaviour.*", "social.*", "videos.*"]),
            Rule(name: "recommender-service", principal: .service, roles: ["recommender"],
                 purposes: ["recommendation"], resources: ["behaviour.*"]),
            Rule(name: "media-service", principal: .service, roles: ["media"], purposes: ["transcoding"], resources: ["videos.*"]),
            Rule(name: "moderation-service", principal: .service, roles: ["moderation"],
                 purposes: ["moderation"], resources: ["videos.*", "social.comments"]),
            Rule(name: "support-staff", principal: .staff, roles: ["support"],
                 purposes: ["support-ticket"], resources: ["account.*"], justificationRequired: true),
            Rule(name: "custodian-auditor", principal: .auditor, purposes: ["audit"], resources: ["account.keyID", "audit.*"],
                 justificationRequired: true),
            Rule(name: "moderators", principal: .staff, roles: ["moderator"],
                 purposes: ["moderation"], resources: ["moderation.*"], justificationRequired: true),
        ])
    }
}
