/// Little-endian binary encoder for snapshots.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { for b in 0 ..< 4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(b)))) } }
    mutating func u64(_ v: UInt64) { for b in 0 ..< 8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(b)))) } }
    mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func f64(_ v: Double) { u64(v.bitPattern) }
    mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        int(utf8.count)
        bytes.append(contentsOf: utf8)
    }
    mutating func array<T>(_ values: [T], _ write: (inout ByteWriter, T) -> Void) {
        int(values.count)
        for v in values { write(&self, v) }
    }
    mutating func raw(_ more: [UInt8]) { bytes.append(contentsOf: more) }
}

/// Little-endian binary decoder; every read is bounds-checked and throws on truncation.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ n: Int) throws(SnapshotError) -> ArraySlice<UInt8> {
        guard n >= 0, offset + n <= bytes.count else { throw .truncated }
        defer { offset += n }
        return bytes[offset ..< offset + n]
    }

    mutating func u8() throws(SnapshotError) -> UInt8 { try take(1).first! }
    mutating func u32() throws(SnapshotError) -> UInt32 {
        try take(4).enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }
    mutating func u64() throws(SnapshotError) -> UInt64 {
        try take(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
    mutating func int() throws(SnapshotError) -> Int { Int(Int64(bitPattern: try u64())) }
    mutating func count() throws(SnapshotError) -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - offset + (1 << 20) else { throw .malformed("implausible length \(n)") }
        return n
    }
    mutating func f32() throws(SnapshotError) -> Float { Float(bitPattern: try u32()) }
    mutating func f64() throws(SnapshotError) -> Double { Double(bitPattern: try u64()) }
    mutating func bool() throws(SnapshotError) -> Bool { try u8() != 0 }
    mutating func string() throws(SnapshotError) -> String { String(decoding: try take(try count()), as: UTF8.self) }
    mutating func array<T>(_ read: (inout ByteReader) throws(SnapshotError) -> T) throws(SnapshotError) -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0 ..< n { out.append(try read(&self)) }
        return out
    }
}

/// CRC-32 (IEEE 802.3, reflected), the checksum guarding snapshots.
enum CRC32 {
    private static let table: [UInt32] = (0 ..< 256).map { n in
        var c = UInt32(n)
        for _ in 0 ..< 8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// - Complexity: O(n)
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

/// Why a snapshot could not be loaded.
public enum SnapshotError: Error, Sendable, Hashable {
    /// The bytes do not start with the snapshot magic.
    case notASnapshot
    /// Written by a format version this build cannot read.
    case unsupportedVersion(UInt32)
    /// The checksum does not match: the bytes were corrupted.
    case checksumMismatch
    /// The bytes end early.
    case truncated
    /// Structurally invalid content.
    case malformed(String)
}
