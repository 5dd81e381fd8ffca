/// The opaque pagination cursor: the IDs served on earlier pages of this feed session (newest
/// last, at most `capacity`), so later pages never repeat them and diversity holds across pages.
/// Encoded as base64url of little-endian `UInt64`s after a version byte.
struct PageCursor: Sendable, Hashable {
    static let capacity = 64
    static let version: UInt8 = 1
    var served: [UInt64] = []

    init(served: [UInt64] = []) { self.served = Array(served.suffix(Self.capacity)) }

    /// Decodes a cursor; an unreadable one yields `nil` (callers start from the first page).
    init?(encoded: String) {
        guard let bytes = Base64URL.decode(encoded), bytes.first == Self.version, (bytes.count - 1) % 8 == 0 else { return nil }
        var ids: [UInt64] = []
        var n = 1
        while n < bytes.count {
            var v: UInt64 = 0
            for b in 0 ..< 8 { v |= UInt64(bytes[n + b]) << (8 * UInt64(b)) }
            ids.append(v)
            n += 8
        }
        served = ids
    }

    var encoded: String {
        var bytes: [UInt8] = [Self.version]
        for id in served { for b in 0 ..< 8 { bytes.append(UInt8(truncatingIfNeeded: id >> (8 * UInt64(b)))) } }
        return Base64URL.encode(bytes)
    }
}

/// Minimal RFC 4648 §5 base64url without padding (no Foundation needed).
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var n = 0
        while n < bytes.count {
            let chunk = min(3, bytes.count - n)
            var v: UInt32 = 0
            for k in 0 ..< 3 { v = v << 8 | UInt32(k < chunk ? bytes[n + k] : 0) }
            for k in 0 ..< chunk + 1 { out.append(alphabet[Int(v >> (18 - 6 * UInt32(k)) & 63)]) }
            n += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        for c in text.utf8 {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            values.append(UInt8(v))
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var n = 0
        while n < values.count {
            let chunk = min(4, values.count - n)
            var v: UInt32 = 0
            for k in 0 ..< 4 { v = v << 6 | UInt32(k < chunk ? values[n + k] : 0) }
            for k in 0 ..< chunk - 1 { out.append(UInt8(truncatingIfNeeded: v >> (16 - 8 * UInt32(k)))) }
            n += 4
        }
        return out
    }
}
