import Foundation
import Crypto

/// A 32-byte SHA-256 value in an RFC 9162 Merkle tree, stored inline (no heap allocation per hash).
public struct MerkleHash: Hashable, Sendable, CustomStringConvertible {
    private var storage: SIMD4<UInt64>

    /// The 32 bytes, or nil unless there are exactly 32.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var storage = SIMD4<UInt64>()
        withUnsafeMutableBytes(of: &storage) { $0.copyBytes(from: bytes) }
        self.storage = storage
    }

    /// Parses 64 lower-case hexadecimal digits; nil for anything else (upper case included, so a
    /// hash has exactly one text form).
    public init?(hex: String) {
        guard let bytes = HexCoding.decode(hex), let hash = MerkleHash(bytes: bytes) else { return nil }
        self = hash
    }

    private init<D: Digest>(digest: D) {
        var storage = SIMD4<UInt64>()
        withUnsafeMutableBytes(of: &storage) { target in digest.withUnsafeBytes { target.copyMemory(from: $0) } }
        self.storage = storage
    }

    /// The 32 bytes.
    public var bytes: [UInt8] { withUnsafeBytes(of: storage) { Array($0) } }
    /// Lower-case hexadecimal, 64 digits.
    public var hex: String { HexCoding.encode(bytes) }
    public var description: String { hex }

    /// `MTH({}) = SHA-256()`, the hash of an empty tree (RFC 9162 §2.1.1).
    public static let emptyTree = MerkleHash(digest: SHA256.hash(data: [UInt8]()))

    /// The leaf hash `SHA-256(0x00 ‖ entry)` (RFC 9162 §2.1.1).
    public static func leaf(_ entry: some ContiguousBytes) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: [UInt8(0)])
        entry.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return MerkleHash(digest: hasher.finalize())
    }

    /// The interior node hash `SHA-256(0x01 ‖ left ‖ right)` (RFC 9162 §2.1.1).
    public static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: [UInt8(1)])
        withUnsafeBytes(of: left.storage) { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: right.storage) { hasher.update(bufferPointer: $0) }
        return MerkleHash(digest: hasher.finalize())
    }
}

extension MerkleHash: Codable {
    /// Decodes the 64-digit lower-case hexadecimal form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let hash = MerkleHash(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Not a 64-digit lower-case hex hash."))
        }
        self = hash
    }

    /// Encodes the 64-digit lower-case hexadecimal form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// Lower-case hexadecimal text for bytes.
enum HexCoding {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Two lower-case digits per byte.
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of an even-length lower-case hex string, or nil.
    static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
