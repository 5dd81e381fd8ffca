import Foundation
import ReelCore
import ReelGuard
import Testing

/// RFC 9162 §2.1 hashes and proofs, against known small-tree values and a direct transcription of
/// the RFC's recursive definitions.
@Suite struct MerkleTreeTests {
    /// The eight leaves of the Certificate Transparency test trees (certificate-transparency-go and
    /// Trillian `merkle` test data).
    static let leaves: [[UInt8]] = [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ]

    /// The roots of the trees over the first 1…8 leaves (same test data).
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    static func tree(_ leaves: [[UInt8]]) -> MerkleLevels { MerkleLevels(leaves: leaves.map { MerkleHash.leaf($0) }) }

    @Test func rootsMatchTheCertificateTransparencyTestTrees() throws {
        let tree = Self.tree(Self.leaves)
        for size in 1...8 {
            #expect(try MerkleProofs.rootHash(size: size, in: tree).hex == Self.roots[size - 1], "size \(size)")
        }
        #expect(try MerkleProofs.rootHash(size: 0, in: tree).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func knownInclusionAndConsistencyProofs() throws {
        let tree = Self.tree(Self.leaves)
        #expect(try MerkleProofs.inclusionProof(index: 0, size: 8, in: tree).map(\.hex) == [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ])
        #expect(try MerkleProofs.consistencyProof(oldSize: 6, newSize: 8, in: tree).map(\.hex) == [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ])
        #expect(try MerkleProofs.consistencyProof(oldSize: 2, newSize: 5, in: tree).map(\.hex) == [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ])
    }

    /// Every proof for every size up to 70 equals the RFC's recursive definition and verifies; a
    /// proof checked against a wrong leaf, index or root does not.
    @Test func proofsMatchTheReferenceDefinitionAndVerify() throws {
        let leaves = (0..<70).map { Array("entry \($0)".utf8) }
        let tree = Self.tree(leaves)
        let hashes = leaves.map { MerkleHash.leaf($0) }
        for size in 1...70 {
            let root = Reference.mth(hashes[0..<size])
            #expect(try MerkleProofs.rootHash(size: size, in: tree) == root)
            for index in 0..<size {
                let path = try MerkleProofs.inclusionProof(index: index, size: size, in: tree)
                #expect(path == Reference.path(index, hashes[0..<size]))
                #expect(MerkleVerification.verifyInclusion(leafHash: hashes[index], index: index, size: size, path: path, rootHash: root))
                let other = hashes[(index + 1) % size]
                if size > 1 {
                    #expect(!MerkleVerification.verifyInclusion(leafHash: other, index: index, size: size, path: path, rootHash: root))
                }
            }
            for old in 1...size {
                let proof = try MerkleProofs.consistencyProof(oldSize: old, newSize: size, in: tree)
                #expect(proof == (old == size ? [] : Reference.subproof(old, hashes[0..<size], true)))
                let oldRoot = Reference.mth(hashes[0..<old])
                #expect(MerkleVerification.verifyConsistency(oldSize: old, newSize: size, oldRoot: oldRoot, newRoot: root, proof: proof))
                if old < size {
                    let forged = MerkleHash.leaf(Array("forged".utf8))
                    #expect(!MerkleVerification.verifyConsistency(oldSize: old, newSize: size, oldRoot: forged, newRoot: root, proof: proof))
                }
            }
        }
    }

    /// A transcription of RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 over whole arrays of leaf hashes.
    enum Reference {
        static func k(_ n: Int) -> Int { var k = 1; while k << 1 < n { k <<= 1 }; return k }

        static func mth(_ d: ArraySlice<MerkleHash>) -> MerkleHash {
            if d.isEmpty { return .emptyTree }
            if d.count == 1 { return d.first! }
            let k = k(d.count)
            return .node(mth(d.prefix(k)), mth(d.dropFirst(k)))
        }

        static func path(_ m: Int, _ d: ArraySlice<MerkleHash>) -> [MerkleHash] {
            if d.count <= 1 { return [] }
            let k = k(d.count)
            return m < k ? path(m, d.prefix(k)) + [mth(d.dropFirst(k))] : path(m - k, d.dropFirst(k)) + [mth(d.prefix(k))]
        }

        static func subproof(_ m: Int, _ d: ArraySlice<MerkleHash>, _ b: Bool) -> [MerkleHash] {
            if m == d.count { return b ? [] : [mth(d)] }
            let k = k(d.count)
            return m <= k ? subproof(m, d.prefix(k), b) + [mth(d.dropFirst(k))] : subproof(m - k, d.dropFirst(k), false) + [mth(d.prefix(k))]
        }
    }
}
