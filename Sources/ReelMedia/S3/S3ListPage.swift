import Foundation

/// The parts of a ListObjectsV2 answer (`ListBucketResult`, Amazon S3 API reference) that
/// ``S3Client`` needs: the keys, whether there are more, and the token for the next page.
///
/// Read by scanning for the few elements involved rather than with a general XML parser: S3's
/// answer is flat, and the five predefined XML entities (XML 1.0 §4.6) are decoded.
struct S3ListPage {
    /// One `Contents` element: an object's key and when it was last written.
    struct Object {
        var key: String
        var lastModified: Date?
    }

    /// Every `Contents` element, in order.
    var objects: [Object]
    /// The `Key` of every `Contents` element, in order.
    var keys: [String] { objects.map(\.key) }
    /// `IsTruncated`: whether another page follows.
    var isTruncated: Bool
    /// `NextContinuationToken`, present when truncated.
    var nextContinuationToken: String?

    /// Reads an answer body.
    init(xml: String) {
        objects = Self.values(of: "Contents", in: xml).compactMap { contents in
            guard let key = Self.firstValue(of: "Key", in: contents) else { return nil }
            return Object(key: key, lastModified: Self.firstValue(of: "LastModified", in: contents).flatMap(Self.date))
        }
        isTruncated = Self.firstValue(of: "IsTruncated", in: xml) == "true"
        nextContinuationToken = Self.firstValue(of: "NextContinuationToken", in: xml)
    }

    /// The text of the first `<name>…</name>` element, or nil.
    static func firstValue(of name: String, in xml: String) -> String? {
        values(of: name, in: xml, limit: 1).first
    }

    /// The text of every `<name>…</name>` element, entities decoded. O(length of `xml`).
    static func values(of name: String, in xml: String, limit: Int = .max) -> [String] {
        var found: [String] = []
        var rest = xml[...]
        let open = "<\(name)>", close = "</\(name)>"
        while found.count < limit, let start = rest.range(of: open), let end = rest.range(of: close, range: start.upperBound..<rest.endIndex) {
            found.append(decodeEntities(String(rest[start.upperBound..<end.lowerBound])))
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// An ISO 8601 time as S3 writes it (`2026-11-30T07:46:18.000Z`, fractional seconds optional).
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
