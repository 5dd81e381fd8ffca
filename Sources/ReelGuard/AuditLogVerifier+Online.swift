import Foundation

extension AuditLogVerifier {
    /// Verifies a live log: downloads the public key, the current signed head and every entry, checks
    /// them as ``verify(_:previous:)`` does, and also checks the proofs the log itself serves (the
    /// consistency proof from the saved head, inclusion proofs for up to 256 entries spread over the log).
    /// - Throws: ``CustodianClientError`` when the log can't be read.
    public static func verify(client: CustodianClient, previous: AuditVerifierState?) async throws -> Report {
        let key = try await client.publicKey()
        let head = try await client.signedTreeHead()
        var contents = AuditLogFolder.Contents()
        contents.publicKey = Array(key.publicKey)
        contents.heads = [head]
        let size = Int(head.treeSize)
        var start = 0
        while start < size {
            let page = try await client.entries(start: start, end: min(size, start + 1000))
            guard !page.entries.isEmpty else { break }
            for item in page.entries {
                guard item.index == contents.entries.count else {
                    contents.faults.append("The log served entry \(item.index) where entry \(contents.entries.count) belongs.")
                    break
                }
                contents.entries.append(Array(item.entry.utf8))
            }
            start += page.entries.count
        }
        var report = verify(contents, previous: previous)
        if let previous, previous.head.treeSize <= head.treeSize, previous.head.treeSize > 0 {
            let proof = try await client.consistencyProof(oldSize: Int(previous.head.treeSize), newSize: size)
            if !MerkleVerification.verifyConsistency(oldSize: Int(previous.head.treeSize), newSize: size,
                                                     oldRoot: previous.head.rootHash, newRoot: head.rootHash, proof: proof.path) {
                report.problems.append("The log's consistency proof from size \(previous.head.treeSize) to \(size) does not verify.")
            }
        }
        for index in Set(stride(from: 0, to: size, by: max(1, size / 256)).map { $0 } + (size > 0 ? [size - 1] : [])).sorted() {
            let proof = try await client.inclusionProof(index: index, treeSize: size)
            let leaf = index < contents.entries.count ? MerkleHash.leaf(contents.entries[index]) : proof.leafHash
            if !MerkleVerification.verifyInclusion(leafHash: leaf, index: index, size: size, path: proof.path, rootHash: head.rootHash) {
                report.problems.append("The log's inclusion proof for entry \(index) does not verify.")
            }
        }
        return report
    }
}
