import Foundation

extension ReelConfiguration {
    /// The folder of the per-region access policy files, `<dataDirectory>/policy/<region>.json`
    /// (created with the shipped defaults when missing; docs/sovereignty.md, "Access policy").
    public var policyDirectory: URL { dataDirectory.appendingPathComponent("policy", isDirectory: true) }
}
