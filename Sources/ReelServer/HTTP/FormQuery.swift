import Foundation
import Hummingbird

/// A URL query decoded the way browsers encode forms: `application/x-www-form-urlencoded` parsing of
/// the WHATWG URL Standard §5.1, where `+` is a space and `%2B` a plus. `URLSearchParams`, HTML forms
/// and most HTTP clients encode queries this way; Hummingbird's `queryParameters` does not turn `+`
/// into a space, so every query the server reads goes through this type instead.
struct FormQuery: Sendable {
    private let values: [String: String]

    /// Parses a raw (still percent-encoded) query string; the first occurrence of a name wins.
    ///
    /// Names and values are split at `&` and the first `=`, `+` becomes a space, then `%XX` bytes
    /// are decoded and the result read as UTF-8 (invalid sequences become U+FFFD). A `%` not followed
    /// by two hex digits stays as it is, as the standard says.
    /// - Complexity: O(n) in the query's length.
    init(_ query: String?) {
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let (name, value) = pair.firstIndex(of: "=").map { (pair[..<$0], pair[pair.index(after: $0)...]) } ?? (pair[...], ""[...])
            let decodedName = Self.decode(name)
            if values[decodedName] == nil { values[decodedName] = Self.decode(value) }
        }
        self.values = values
    }

    /// The decoded value of `name`, or nil when the query does not have it.
    subscript(_ name: String) -> String? { values[name] }

    /// Decodes one name or value.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let input = Array(text.utf8)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < input.count,
                      let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Request {
    /// The query, decoded as browsers encode forms (see ``FormQuery``).
    var formQuery: FormQuery { FormQuery(uri.query) }
}
