/// The hashes of an RFC 9162 Merkle tree that never change once complete, kept by level.
///
/// Level 0 holds the leaf hashes; level `l` holds the hash of every complete, aligned subtree of
/// `2^l` leaves (`levels[l][i]` covers leaves `i·2^l ..< (i+1)·2^l`). Incomplete right-edge subtrees
/// are never stored: ``MerkleProofs`` folds them from at most `log₂ n` stored peaks.
/// Memory: about 64 bytes per leaf (64 MB at a million entries).
public struct MerkleLevels: MerkleNodeSource, Sendable {
    private var levels: [[MerkleHash]] = [[]]

    /// An empty tree.
    public init() {}

    /// The tree over these leaf hashes, in order.
    /// - Complexity: O(n).
    public init(leaves: some Sequence<MerkleHash>) {
        for leaf in leaves { append(leaf) }
    }

    /// The number of leaves.
    public var count: Int { levels[0].count }

    /// Adds a leaf hash and every subtree it completes.
    /// - Complexity: O(1) amortised, O(log n) worst case.
    public mutating func append(_ leaf: MerkleHash) {
        levels[0].append(leaf)
        var index = levels[0].count - 1
        var level = 0
        var hash = leaf
        while index & 1 == 1 {
            hash = MerkleHash.node(levels[level][index - 1], hash)
            level += 1
            index >>= 1
            if levels.count == level { levels.append([]) }
            levels[level].append(hash)
        }
    }

    /// The leaf hash at `index`.
    public func leaf(_ index: Int) -> MerkleHash { levels[0][index] }

    /// The stored hash of the complete subtree `index` at `level`.
    /// - Throws: ``MerkleProofError/nodeMissing(level:index:)`` when that subtree is not complete.
    public func node(level: Int, index: Int) throws -> MerkleHash {
        guard level < levels.count, index < levels[level].count else { throw MerkleProofError.nodeMissing(level: level, index: index) }
        return levels[level][index]
    }
}
