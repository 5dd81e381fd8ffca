import Foundation

/// Reads interaction logs in the `user,item,timestamp,weight` CSV format of `reel eval`.
///
/// The format (documented in docs/evaluation.md):
/// - The first non-blank line is the header, exactly `user,item,timestamp,weight`
///   (surrounding spaces, a UTF-8 byte-order mark and CRLF line ends are tolerated).
/// - Every other non-blank line has four comma-separated fields: `user` and `item`
///   are integers, `timestamp` is an integer in Unix seconds, `weight` is a finite
///   decimal number (e.g. `7`, `0.85`, `-1`, `1e-3`).
/// - Blank lines are skipped; quoting is not supported because no field needs it.
///
/// The parser works on raw UTF-8 bytes without allocating per row, so millions of
/// rows parse in about a second.
public enum InteractionCSV {
    /// The exact header line a file must start with.
    public static let header = "user,item,timestamp,weight"

    /// A malformed input, with the 1-based line number it was found on.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// 1-based line number in the input.
        public var line: Int
        /// What is wrong with that line.
        public var reason: String

        /// Creates an error for `line` (1-based).
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }

        /// `line N: reason`, ready to show to a user.
        public var description: String { "line \(line): \(reason)" }
    }

    /// Parses CSV text into interactions, in file order.
    ///
    /// - Throws: `ParseError` naming the first bad line (missing or wrong header,
    ///   wrong field count, a non-integer id or timestamp, a non-finite weight).
    /// - Complexity: O(n) in the length of `text`.
    public static func parse(_ text: String) throws(ParseError) -> [Interaction] {
        var text = text
        // `withUTF8` only rethrows untyped errors, so the typed error travels in a Result.
        return try text.withUTF8 { bytes in
            Result { () throws(ParseError) in try parse(utf8: bytes) }
        }.get()
    }

    /// Reads and parses a CSV file.
    ///
    /// - Throws: the file system's error if the file cannot be read, otherwise a
    ///   `ParseError` as for `parse(_:)`.
    /// - Complexity: O(n) in the file size; the whole file is held in memory once.
    public static func read(contentsOf url: URL) throws -> [Interaction] {
        let data = try Data(contentsOf: url)
        return try data.withUnsafeBytes { raw in
            try parse(utf8: raw.bindMemory(to: UInt8.self))
        }
    }

    /// Parses UTF-8 bytes; the shared core of `parse(_:)` and `read(contentsOf:)`.
    ///
    /// - Complexity: O(n) in `bytes.count`.
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> [Interaction] {
        var interactions: [Interaction] = []
        // A rough row-size guess avoids most re-allocations on large files.
        interactions.reserveCapacity(bytes.count / 24)
        var lineNumber = 0
        var sawHeader = false
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
            start = end + 1
            if isBlank(line) { continue }
            if !sawHeader {
                let found = String(decoding: line, as: UTF8.self)
                let fields = found.split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard fields.joined(separator: ",") == header else {
                    throw ParseError(line: lineNumber, reason: "expected header \"\(header)\", found \"\(found)\"")
                }
                sawHeader = true
                continue
            }
            interactions.append(try parseRow(line, lineNumber: lineNumber))
        }
        guard sawHeader else {
            throw ParseError(line: max(lineNumber, 1), reason: "empty input, expected header \"\(header)\"")
        }
        return interactions
    }

    private static func parseRow(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(ParseError) -> Interaction {
        var fields: [Range<Int>] = []
        fields.reserveCapacity(4)
        var fieldStart = 0
        for index in 0..<line.count where line[index] == UInt8(ascii: ",") {
            fields.append(fieldStart..<index)
            fieldStart = index + 1
        }
        fields.append(fieldStart..<line.count)
        guard fields.count == 4 else {
            throw ParseError(line: lineNumber, reason: "expected 4 fields (user,item,timestamp,weight), found \(fields.count)")
        }
        func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            trimmed(UnsafeBufferPointer(rebasing: line[fields[index]]))
        }
        func integer(_ index: Int, _ name: String) throws(ParseError) -> Int {
            guard let value = parseInteger(field(index)) else {
                throw ParseError(line: lineNumber, reason: "\(name) \"\(String(decoding: field(index), as: UTF8.self))\" is not an integer")
            }
            return value
        }
        let user = try integer(0, "user")
        let item = try integer(1, "item")
        let timestamp = try integer(2, "timestamp")
        guard let weight = parseDouble(field(3)), weight.isFinite else {
            throw ParseError(line: lineNumber, reason: "weight \"\(String(decoding: field(3), as: UTF8.self))\" is not a finite number")
        }
        return Interaction(user: user, item: item, timestamp: timestamp, weight: weight)
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == UInt8(ascii: " ") || bytes[lower] == UInt8(ascii: "\t") { lower += 1 }
        while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") || bytes[upper - 1] == UInt8(ascii: "\t") { upper -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    }

    /// An optionally signed decimal integer, or nil on anything else or on overflow.
    private static func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var isNegative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < bytes.count else { return nil }
        var value = 0
        while index < bytes.count {
            let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
            guard (0...9).contains(digit) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = isNegative
                ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// Exact powers of ten up to 10^22, the largest a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// A decimal number. Plain `[-+]digits[.digits]` with at most 15 significant
    /// digits is computed exactly (mantissa and power of ten are both exact doubles,
    /// so one correctly rounded division gives the nearest double); anything else
    /// (exponents, long mantissas) goes through the standard library's parser.
    private static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var isNegative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        var isSimple = index < bytes.count
        while isSimple, index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 15 {
                mantissa = mantissa * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                if sawPoint { fractionDigits += 1 }
            } else {
                isSimple = false
            }
            index += 1
        }
        if isSimple, digits > 0 {
            let magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
            return isNegative ? -magnitude : magnitude
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}
