import Crypto
import Foundation

/// A tree head the custodian signed: the log's size and root hash at a moment.
///
/// The signature is Ed25519 (RFC 8032) over the TLS encoding of RFC 9162 §4.10 `TreeHeadDataV2`:
/// `uint64 timestamp ‖ uint64 tree_size ‖ opaque root_hash<32..255> ‖ Extension sth_extensions<0..2^16-1>`
/// (no extensions). On disk a head is a fixed 112-byte record (``record``).
public struct SignedTreeHead: Codable, Sendable, Equatable {
    /// Entries covered.
    public var treeSize: UInt64
    /// Milliseconds since 1970-01-01 UTC when it was signed.
    public var timestamp: UInt64
    /// `MTH(D[0:treeSize])`.
    public var rootHash: MerkleHash
    /// The 64-byte Ed25519 signature, base64 in JSON.
    public var signature: Data

    /// Size of one stored record: timestamp, size, root hash, signature.
    public static let recordSize = 8 + 8 + 32 + 64

    /// Creates a head.
    public init(treeSize: UInt64, timestamp: UInt64, rootHash: MerkleHash, signature: Data) {
        self.treeSize = treeSize
        self.timestamp = timestamp
        self.rootHash = rootHash
        self.signature = signature
    }

    /// The bytes the signature covers (`TreeHeadDataV2`, RFC 9162 §4.10).
    public var signedBytes: [UInt8] { Self.signedBytes(treeSize: treeSize, timestamp: timestamp, rootHash: rootHash) }

    /// The bytes a head with these values signs.
    public static func signedBytes(treeSize: UInt64, timestamp: UInt64, rootHash: MerkleHash) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes += withUnsafeBytes(of: timestamp.bigEndian) { Array($0) }
        bytes += withUnsafeBytes(of: treeSize.bigEndian) { Array($0) }
        bytes.append(32)
        bytes += rootHash.bytes
        bytes += [0, 0]
        return bytes
    }

    /// Whether the signature is valid under `publicKey`.
    public func isSigned(by publicKey: Curve25519.Signing.PublicKey) -> Bool {
        signature.count == 64 && publicKey.isValidSignature(signature, for: Data(signedBytes))
    }

    /// The 112-byte stored form: big-endian timestamp and size, root hash, signature.
    public var record: [UInt8] {
        withUnsafeBytes(of: timestamp.bigEndian) { Array($0) } + withUnsafeBytes(of: treeSize.bigEndian) { Array($0) }
            + rootHash.bytes + Array(signature)
    }

    /// Parses a stored record; nil unless it is exactly ``recordSize`` bytes.
    public init?(record: some Collection<UInt8>) {
        let bytes = Array(record)
        guard bytes.count == Self.recordSize, let root = MerkleHash(bytes: bytes[16..<48]) else { return nil }
        func integer(_ range: Range<Int>) -> UInt64 { bytes[range].reduce(0) { $0 << 8 | UInt64($1) } }
        self.init(treeSize: integer(8..<16), timestamp: integer(0..<8), rootHash: root, signature: Data(bytes[48..<112]))
    }
}
