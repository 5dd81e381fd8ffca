/// The proof verification algorithms of RFC 9162, which need no tree: only the proof and the heads.
public enum MerkleVerification {
    /// Whether `path` proves that `leafHash` is leaf `index` of the tree of `size` leaves with root
    /// `rootHash` (RFC 9162 §2.1.3.2).
    /// - Complexity: O(log size).
    public static func verifyInclusion(leafHash: MerkleHash, index: Int, size: Int, path: [MerkleHash], rootHash: MerkleHash) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index
        var sn = size - 1
        var result = leafHash
        for sibling in path {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                result = MerkleHash.node(sibling, result)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                result = MerkleHash.node(result, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && result == rootHash
    }

    /// Whether `proof` shows the tree of `oldSize` leaves with root `oldRoot` is a prefix of the tree
    /// of `newSize` leaves with root `newRoot` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof
    /// and equal roots; an empty old tree is a prefix of every tree.
    /// - Complexity: O(log newSize).
    public static func verifyConsistency(oldSize: Int, newSize: Int, oldRoot: MerkleHash, newRoot: MerkleHash,
                                         proof: [MerkleHash]) -> Bool {
        guard oldSize >= 0, oldSize <= newSize else { return false }
        if oldSize == 0 { return proof.isEmpty }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        guard !proof.isEmpty else { return false }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.node(c, fr)
                sr = MerkleHash.node(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = MerkleHash.node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}
