/// Where proofs read the hashes of complete subtrees from (memory, or a log's files).
public protocol MerkleNodeSource {
    /// The hash of the complete subtree covering leaves `index·2^level ..< (index+1)·2^level`.
    func node(level: Int, index: Int) throws -> MerkleHash
}

/// Why a proof could not be made or did not verify.
public enum MerkleProofError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The node source lacks a subtree the proof needs (the tree is smaller than asked).
    case nodeMissing(level: Int, index: Int)
    /// The sizes or index asked for do not describe a proof (e.g. index ≥ size, old size > new size).
    case invalidRange(String)

    public var description: String {
        switch self {
        case .nodeMissing(let level, let index): "The tree has no complete subtree \(index) at level \(level)."
        case .invalidRange(let reason): reason
        }
    }
}

/// Tree heads and proofs of RFC 9162 §2.1 computed from stored complete subtrees.
///
/// Every subtree an RFC 9162 proof needs is either complete and aligned (one stored node) or a
/// right edge `D[k:n]` of the tree, which is a fold of the tree's peaks; the peaks' suffix folds are
/// computed once per call, so each function reads O(log n) nodes and hashes O(log n) times.
public enum MerkleProofs {
    /// `MTH(D[0:size])` (RFC 9162 §2.1.1).
    /// - Complexity: O(log size).
    public static func rootHash(size: Int, in source: some MerkleNodeSource) throws -> MerkleHash {
        guard size > 0 else { return .emptyTree }
        return try RightEdge(size: size, source: source).hash(0, size)
    }

    /// The inclusion proof `PATH(index, D[0:size])` (RFC 9162 §2.1.3.1), ordered from the leaf up.
    /// - Throws: ``MerkleProofError/invalidRange(_:)`` unless `0 ≤ index < size`.
    /// - Complexity: O(log size).
    public static func inclusionProof(index: Int, size: Int, in source: some MerkleNodeSource) throws -> [MerkleHash] {
        guard index >= 0, index < size else {
            throw MerkleProofError.invalidRange("Leaf \(index) is not in a tree of \(size) entries.")
        }
        let edge = try RightEdge(size: size, source: source)
        var path: [MerkleHash] = []
        var (start, end, m) = (0, size, index)
        while end - start > 1 {
            let k = largestPowerOfTwo(below: end - start)
            if m < k {
                path.append(try edge.hash(start + k, end))
                end = start + k
            } else {
                path.append(try edge.hash(start, start + k))
                start += k
                m -= k
            }
        }
        return path.reversed()
    }

    /// The consistency proof `PROOF(oldSize, D[0:newSize])` (RFC 9162 §2.1.4.1), ordered as the
    /// verification algorithm of §2.1.4.2 reads it. Empty when the sizes are equal or `oldSize` is 0.
    /// - Throws: ``MerkleProofError/invalidRange(_:)`` unless `0 ≤ oldSize ≤ newSize`.
    /// - Complexity: O(log newSize).
    public static func consistencyProof(oldSize: Int, newSize: Int, in source: some MerkleNodeSource) throws -> [MerkleHash] {
        guard oldSize >= 0, oldSize <= newSize else {
            throw MerkleProofError.invalidRange("A tree of \(oldSize) entries can't be a prefix of one of \(newSize).")
        }
        guard oldSize > 0, oldSize < newSize else { return [] }
        let edge = try RightEdge(size: newSize, source: source)
        var proof: [MerkleHash] = []
        var (start, end, m, isWholeOldTree) = (0, newSize, oldSize, true)
        while true {
            let n = end - start
            if m == n {
                if !isWholeOldTree { proof.append(try edge.hash(start, end)) }
                break
            }
            let k = largestPowerOfTwo(below: n)
            if m <= k {
                proof.append(try edge.hash(start + k, end))
                end = start + k
            } else {
                proof.append(try edge.hash(start, start + k))
                start += k
                m -= k
                isWholeOldTree = false
            }
        }
        return proof.reversed()
    }

    /// The largest power of two strictly below `n` (n ≥ 2), the split point `k` of RFC 9162 §2.1.1.
    static func largestPowerOfTwo(below n: Int) -> Int {
        1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }
}

/// The hashes of the subtrees of a tree of `size` leaves that proofs ask for.
private struct RightEdge<Source: MerkleNodeSource> {
    let size: Int
    let source: Source
    /// `MTH(D[start:size])` for every start of a peak (each set bit of `size`, from the top).
    private var suffixes: [Int: MerkleHash] = [:]

    init(size: Int, source: Source) throws {
        self.size = size
        self.source = source
        var peaks: [(start: Int, hash: MerkleHash)] = []
        var start = 0
        for level in stride(from: Int.bitWidth - 1, through: 0, by: -1) where size & (1 << level) != 0 {
            peaks.append((start, try source.node(level: level, index: start >> level)))
            start += 1 << level
        }
        var fold: MerkleHash?
        for peak in peaks.reversed() {
            let hash = fold.map { MerkleHash.node(peak.hash, $0) } ?? peak.hash
            suffixes[peak.start] = hash
            fold = hash
        }
    }

    /// `MTH(D[start:end])`: one stored node when complete and aligned, a stored suffix fold on the
    /// right edge, else split as RFC 9162 §2.1.1 does.
    func hash(_ start: Int, _ end: Int) throws -> MerkleHash {
        let width = end - start
        if width & (width - 1) == 0, start % width == 0 {
            return try source.node(level: width.trailingZeroBitCount, index: start / width)
        }
        if end == size, let suffix = suffixes[start] { return suffix }
        let k = MerkleProofs.largestPowerOfTwo(below: width)
        return MerkleHash.node(try hash(start, start + k), try hash(start + k, end))
    }
}
