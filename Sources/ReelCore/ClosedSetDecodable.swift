import Foundation

/// A string enum that a client sends in a request body: decoding a value it does not take fails with
/// a description that lists the values it does take ("must be uphold or reject"), which
/// `ReelError(decoding:)` shows after the field's name. Conforming is all a type needs to do.
public protocol ClosedSetDecodable: RawRepresentable, CaseIterable, Decodable where RawValue == String {}

extension ClosedSetDecodable {
    /// Decodes the raw value, or throws `DecodingError.dataCorrupted` whose description lists
    /// ``acceptedValues``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be \(Self.acceptedValues)")
        }
        self = value
    }

    /// The raw values in declaration order, as a phrase: "a", "a or b", "a, b or c".
    public static var acceptedValues: String {
        let values = allCases.map(\.rawValue)
        guard let last = values.last else { return "" }
        return values.count == 1 ? last : values.dropLast().joined(separator: ", ") + " or " + last
    }
}
