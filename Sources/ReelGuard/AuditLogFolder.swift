import Foundation

/// The files of one region's audit log, as the custodian keeps them and as `reel audit verify --dir`
/// reads a copy of them. Every byte is covered by a check, so any change is detectable:
///
/// - `entries.bin`: the entries in order, each a 4-byte big-endian length then that many bytes of
///   canonical JSON (``AuditEntry``);
/// - `heads.bin`: every signed tree head in order, 112-byte records (``SignedTreeHead/record``);
/// - `public-key.bin`: the 32-byte raw Ed25519 public key that signs the heads.
public struct AuditLogFolder: Sendable {
    /// The entries file's name.
    public static let entriesFile = "entries.bin"
    /// The heads file's name.
    public static let headsFile = "heads.bin"
    /// The public key file's name.
    public static let publicKeyFile = "public-key.bin"

    /// The folder.
    public let url: URL

    /// A log folder at `url` (not read yet).
    public init(url: URL) { self.url = url }

    /// What a folder holds, parsed as far as it parses.
    public struct Contents: Sendable {
        /// The entries' stored bytes, in order.
        public var entries: [[UInt8]] = []
        /// The signed heads, in order.
        public var heads: [SignedTreeHead] = []
        /// The raw public key bytes.
        public var publicKey: [UInt8] = []
        /// Structural faults found while parsing (truncated records, wrong sizes), as sentences.
        public var faults: [String] = []
        /// For each entry, the byte offset just past it in `entries.bin`.
        public var entryEnds: [UInt64] = []
    }

    /// Reads and parses the three files.
    /// - Throws: A file-system error when a file can't be read.
    public func read() throws -> Contents {
        var contents = Contents()
        let entries = [UInt8](try Data(contentsOf: url.appendingPathComponent(Self.entriesFile)))
        (contents.entries, contents.entryEnds, contents.faults) = Self.parseEntries(entries)
        let heads = [UInt8](try Data(contentsOf: url.appendingPathComponent(Self.headsFile)))
        if heads.count % SignedTreeHead.recordSize != 0 {
            contents.faults.append("heads.bin is \(heads.count) bytes, not a whole number of \(SignedTreeHead.recordSize)-byte heads.")
        }
        for start in stride(from: 0, to: heads.count - heads.count % SignedTreeHead.recordSize, by: SignedTreeHead.recordSize) {
            if let head = SignedTreeHead(record: heads[start..<start + SignedTreeHead.recordSize]) { contents.heads.append(head) }
        }
        contents.publicKey = [UInt8](try Data(contentsOf: url.appendingPathComponent(Self.publicKeyFile)))
        return contents
    }

    /// Splits `entries.bin` into records.
    /// - Returns: The complete records, the offset past each, and a fault when the file ends inside
    ///   a record (a torn write, or a corrupted length).
    public static func parseEntries(_ bytes: [UInt8]) -> (entries: [[UInt8]], ends: [UInt64], faults: [String]) {
        var entries: [[UInt8]] = []
        var ends: [UInt64] = []
        var offset = 0
        while offset < bytes.count {
            guard offset + 4 <= bytes.count else {
                return (entries, ends, ["entries.bin ends inside the length of entry \(entries.count) (byte \(offset))."])
            }
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            guard length > 0, offset + 4 + length <= bytes.count else {
                return (entries, ends, ["entries.bin: entry \(entries.count) at byte \(offset) claims \(length) bytes, which the file does not hold."])
            }
            entries.append(Array(bytes[offset + 4..<offset + 4 + length]))
            offset += 4 + length
            ends.append(UInt64(offset))
        }
        return (entries, ends, [])
    }

    /// The stored form of one entry: its 4-byte big-endian length, then its bytes.
    public static func record(forEntry bytes: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { Array($0) } + bytes
    }
}
