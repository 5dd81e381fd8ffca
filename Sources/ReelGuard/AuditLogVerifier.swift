import Crypto
import Foundation

/// Checks a region's audit log from its entries, heads and public key, trusting none of them.
///
/// Recomputes the Merkle tree from the entries (RFC 9162 §2.1), checks that every entry is a
/// canonical ``AuditEntry``, every head's signature and root, that heads never shrink or go back in
/// time, a consistency proof between consecutive heads (§2.1.4) and an inclusion proof for every
/// entry in the latest head (§2.1.3); and, against the head saved by the previous run, that the
/// signing key is the same and the old tree is a prefix of the new one, so a rewritten history is
/// caught even when it is re-signed.
public struct AuditLogVerifier: Sendable {
    /// What a verification found.
    public struct Report: Sendable {
        /// Every problem found, as sentences; empty when the log verified.
        public var problems: [String] = []
        /// Facts worth knowing that are not failures (e.g. entries not yet covered by a signed head).
        public var notes: [String] = []
        /// The number of entries read.
        public var entryCount = 0
        /// The latest valid signed head, which a caller saves for the next run.
        public var latestHead: SignedTreeHead?

        /// Whether nothing was wrong.
        public var isValid: Bool { problems.isEmpty }
    }

    /// Verifies `contents` (and, when given, its consistency with the `previous` run's saved head).
    /// - Complexity: O(n log n) hashes for n entries (one inclusion proof each).
    public static func verify(_ contents: AuditLogFolder.Contents, previous: AuditVerifierState?) -> Report {
        var report = Report()
        report.problems = contents.faults
        report.entryCount = contents.entries.count
        guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: contents.publicKey) else {
            report.problems.append("The public key is not a 32-byte Ed25519 key.")
            return report
        }
        if let previous, previous.publicKey != Data(contents.publicKey) {
            report.problems.append("The log's signing key differs from the one seen before: the log was replaced.")
        }
        var tree = MerkleLevels()
        for (index, bytes) in contents.entries.enumerated() {
            do { _ = try AuditEntry.decodeCanonical(bytes) } catch { report.problems.append("Entry \(index): \(error)") }
            tree.append(MerkleHash.leaf(bytes))
        }
        report.latestHead = checkHeads(contents.heads, tree: tree, publicKey: publicKey, report: &report)
        if let head = report.latestHead {
            checkInclusion(of: contents.entries.count, in: head, tree: tree, report: &report)
            if head.treeSize < UInt64(tree.count) {
                report.notes.append("\(UInt64(tree.count) - head.treeSize) entries are not yet covered by a signed head.")
            }
        } else if !contents.entries.isEmpty {
            report.problems.append("The log has \(contents.entries.count) entries but no valid signed head.")
        }
        if let previous { checkConsistency(with: previous.head, tree: tree, latest: report.latestHead, report: &report) }
        return report
    }

    /// Checks every head; returns the last valid one.
    private static func checkHeads(_ heads: [SignedTreeHead], tree: MerkleLevels, publicKey: Curve25519.Signing.PublicKey,
                                   report: inout Report) -> SignedTreeHead? {
        var last: SignedTreeHead?
        for (number, head) in heads.enumerated() {
            guard head.isSigned(by: publicKey) else {
                report.problems.append("Head \(number) (size \(head.treeSize)) has an invalid signature.")
                continue
            }
            guard head.treeSize <= UInt64(tree.count) else {
                report.problems.append("Head \(number) covers \(head.treeSize) entries but the log holds \(tree.count).")
                continue
            }
            let root = try? MerkleProofs.rootHash(size: Int(head.treeSize), in: tree)
            guard root == head.rootHash else {
                report.problems.append("Head \(number) (size \(head.treeSize)) does not match the entries: its root hash differs.")
                continue
            }
            if let last {
                if head.treeSize < last.treeSize || head.timestamp < last.timestamp {
                    report.problems.append("Head \(number) goes back (size \(head.treeSize), time \(head.timestamp)) after size \(last.treeSize), time \(last.timestamp).")
                }
                let proof = (try? MerkleProofs.consistencyProof(oldSize: Int(last.treeSize), newSize: Int(head.treeSize), in: tree)) ?? []
                if !MerkleVerification.verifyConsistency(oldSize: Int(last.treeSize), newSize: Int(head.treeSize),
                                                         oldRoot: last.rootHash, newRoot: head.rootHash, proof: proof) {
                    report.problems.append("Head \(number) is not consistent with head \(number - 1).")
                }
            }
            last = head
        }
        return last
    }

    private static func checkInclusion(of count: Int, in head: SignedTreeHead, tree: MerkleLevels, report: inout Report) {
        let size = Int(head.treeSize)
        for index in 0..<min(size, count) {
            guard let path = try? MerkleProofs.inclusionProof(index: index, size: size, in: tree),
                  MerkleVerification.verifyInclusion(leafHash: tree.leaf(index), index: index, size: size, path: path, rootHash: head.rootHash)
            else {
                report.problems.append("Entry \(index) has no valid inclusion proof in the head of size \(size).")
                continue
            }
        }
    }

    private static func checkConsistency(with saved: SignedTreeHead, tree: MerkleLevels, latest: SignedTreeHead?, report: inout Report) {
        guard let latest else { return }
        guard saved.treeSize <= latest.treeSize else {
            report.problems.append("The log shrank: \(latest.treeSize) entries now, \(saved.treeSize) at the last verification.")
            return
        }
        let proof = (try? MerkleProofs.consistencyProof(oldSize: Int(saved.treeSize), newSize: Int(latest.treeSize), in: tree)) ?? []
        if !MerkleVerification.verifyConsistency(oldSize: Int(saved.treeSize), newSize: Int(latest.treeSize),
                                                 oldRoot: saved.rootHash, newRoot: latest.rootHash, proof: proof) {
            report.problems.append("History was rewritten: the first \(saved.treeSize) entries no longer match the head saved at the last verification.")
        }
    }
}

/// What `reel audit verify` remembers between runs for one region: the log's key and the last head.
public struct AuditVerifierState: Codable, Sendable, Equatable {
    /// The region.
    public var region: String
    /// The raw Ed25519 public key seen first (trust on first use), base64 in JSON.
    public var publicKey: Data
    /// The latest head that verified.
    public var head: SignedTreeHead

    /// Creates a state.
    public init(region: String, publicKey: Data, head: SignedTreeHead) {
        self.region = region
        self.publicKey = publicKey
        self.head = head
    }

    /// Reads a state file; nil when it does not exist.
    /// - Throws: A decoding error when it exists but is not a state file.
    public static func load(from url: URL) throws -> AuditVerifierState? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(AuditVerifierState.self, from: Data(contentsOf: url))
    }

    /// Writes the state file atomically, creating its folder.
    public func save(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
    }
}
