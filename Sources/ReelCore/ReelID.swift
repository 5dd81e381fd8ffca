/// A 64-bit, time-sortable identifier that carries its home region.
///
/// Layout (most significant first): 41 bits of milliseconds since ``ReelID/epochMilliseconds``,
/// 5 bits of region index, 18 bits of per-millisecond sequence. IDs made later sort after
/// earlier ones, and ``regionIndex`` names the store that owns the row without any lookup.
///
/// The text form is 13 characters of lowercase Crockford base32, which is URL-safe and
/// sorts in the same order as the number.
public struct ReelID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The raw 64-bit value.
    public let rawValue: UInt64

    /// 2024-01-01T00:00:00Z in Unix milliseconds: 41 bits then last until the 2090s.
    public static let epochMilliseconds: UInt64 = 1_704_067_200_000
    static let regionBits: UInt64 = 5
    static let sequenceBits: UInt64 = 18
    /// Largest region index an ID can carry.
    public static let maxRegionIndex = Int((1 << regionBits) - 1)
    /// Largest sequence number within one millisecond.
    public static let maxSequence = UInt64((1 << sequenceBits) - 1)

    /// Wraps a raw value.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Builds an ID from its parts.
    /// - Precondition: `regionIndex` is in `0...maxRegionIndex` and `sequence <= maxSequence`.
    public init(unixMilliseconds: UInt64, regionIndex: Int, sequence: UInt64) {
        precondition((0...Self.maxRegionIndex).contains(regionIndex), "region index out of range")
        precondition(sequence <= Self.maxSequence, "sequence out of range")
        let millis = unixMilliseconds &- Self.epochMilliseconds
        rawValue = (millis << (Self.regionBits + Self.sequenceBits))
            | (UInt64(regionIndex) << Self.sequenceBits)
            | sequence
    }

    /// Index of the region that owns this ID.
    public var regionIndex: Int { Int((rawValue >> Self.sequenceBits) & ((1 << Self.regionBits) - 1)) }

    /// When the ID was made, in Unix milliseconds.
    public var unixMilliseconds: UInt64 { (rawValue >> (Self.regionBits + Self.sequenceBits)) + Self.epochMilliseconds }

    /// The value as a signed integer, for SQL columns (bit pattern preserved).
    public var databaseValue: Int64 { Int64(bitPattern: rawValue) }

    /// Wraps a value read from an SQL column.
    public init(databaseValue: Int64) { rawValue = UInt64(bitPattern: databaseValue) }

    public static func < (lhs: ReelID, rhs: ReelID) -> Bool { lhs.rawValue < rhs.rawValue }

    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// The 13-character URL-safe text form.
    public var description: String {
        var chars = [UInt8](repeating: 0, count: 13)
        var value = rawValue
        for position in stride(from: 12, through: 0, by: -1) {
            let bits = position == 0 ? 4 : 5
            chars[position] = Self.alphabet[Int(value & ((1 << UInt64(bits)) - 1))]
            value >>= UInt64(bits)
        }
        return String(decoding: chars, as: UTF8.self)
    }

    /// Parses the text form; returns nil for anything that is not exactly a valid ID.
    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 13 else { return nil }
        var value: UInt64 = 0
        for (position, byte) in utf8.enumerated() {
            guard let digit = Self.alphabet.firstIndex(of: byte) else { return nil }
            if position == 0 {
                guard digit < 16 else { return nil }
                value = UInt64(digit)
            } else {
                value = (value << 5) | UInt64(digit)
            }
        }
        rawValue = value
    }
}

extension ReelID: Codable {
    /// Decodes from the text form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ReelID(text) else {
            // Worded to follow "The field `x` …" in an error message (ReelServer's decoding errors).
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be an ID as the API gives it (13 characters)")
        }
        self = id
    }

    /// Encodes as the text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
