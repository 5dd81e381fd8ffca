import Crypto
import Foundation

/// Signs HTTP requests with AWS Signature Version 4 (SigV4), in the `Authorization` header or in
/// the query string (a presigned URL).
///
/// Follows the AWS SigV4 specification (AWS Identity and Access Management user guide, "Create a
/// signed AWS API request" and "Elements of an AWS API request signature"; for S3 also the Amazon
/// S3 API reference, "Authenticating Requests (AWS Signature Version 4)" and "Authenticating
/// Requests: Using Query Parameters"):
/// 1. the *canonical request*: method, URI-encoded path, sorted URI-encoded query, lower-cased
///    sorted headers with trimmed values, the signed header names, and the hex SHA-256 of the payload;
/// 2. the *string to sign*: `AWS4-HMAC-SHA256`, the time (`yyyyMMdd'T'HHmmss'Z'`, UTC), the
///    credential scope `<yyyyMMdd>/<region>/<service>/aws4_request`, and the hex SHA-256 of step 1;
/// 3. the *signing key*: HMAC-SHA256 chained over the date, region, service and `aws4_request`,
///    starting from `"AWS4" + secret`;
/// 4. the signature: hex HMAC-SHA256 of step 2 under step 3.
///
/// Checked against AWS's published test vectors (the SigV4 test suite and the S3 examples) in
/// `SigV4SignerTests`. Paths are encoded once and not normalised, as S3 requires; callers that
/// sign for other services pass paths already normalised. Cost: O(length of the request head),
/// five HMACs and two SHA-256 digests.
public struct SigV4Signer: Sendable {
    /// An access key pair. Its `description` shows the key ID only, never the secret.
    public struct Credentials: Sendable, CustomStringConvertible {
        /// The access key ID, e.g. `AKIDEXAMPLE`; appears in every signed request.
        public var accessKeyID: String
        /// The secret access key; never leaves this process.
        public var secretAccessKey: String

        /// Creates credentials.
        public init(accessKeyID: String, secretAccessKey: String) {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
        }

        public var description: String { "Credentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>)" }
    }

    /// What gets signed: everything of an HTTP request head that SigV4 covers.
    public struct Request: Sendable {
        /// Upper-case method, e.g. `GET`.
        public var method: String
        /// The path, not yet encoded (e.g. `/bucket/videos/a.mp4`); encoded here per segment.
        public var path: String
        /// Query parameters, not yet encoded, in any order.
        public var query: [(name: String, value: String)]
        /// Headers to sign, in any order and case; `host` must be among them.
        public var headers: [(name: String, value: String)]
        /// Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
        public var payloadHash: String

        /// Creates a request description.
        public init(method: String, path: String, query: [(name: String, value: String)] = [],
                    headers: [(name: String, value: String)], payloadHash: String) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }
    }

    /// The key pair to sign with.
    public let credentials: Credentials
    /// The signing region, e.g. `us-east-1`.
    public let region: String
    /// The signing service, e.g. `s3`.
    public let service: String

    /// Hex SHA-256 of the empty string: the payload hash of a request without a body.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// The payload hash S3 accepts instead of a digest (used by presigned URLs).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    private static let algorithm = "AWS4-HMAC-SHA256"

    /// Creates a signer for one region and service.
    public init(credentials: Credentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The headers to add to `request` for header authentication at `date`: `X-Amz-Date` and
    /// `Authorization`. The request's own headers must be sent exactly as signed.
    public func signedHeaders(for request: Request, at date: Date) -> [(name: String, value: String)] {
        let time = Self.timestamp(date)
        var signed = request
        signed.headers.append((name: "x-amz-date", value: time))
        let canonical = canonicalRequest(signed)
        let signature = self.signature(of: stringToSign(canonicalRequest: canonical, at: date), at: date)
        let authorization = "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(at: date)), "
            + "SignedHeaders=\(Self.signedHeaderNames(signed.headers)), Signature=\(signature)"
        return [(name: "X-Amz-Date", value: time), (name: "Authorization", value: authorization)]
    }

    /// The query parameters that make `request` a presigned URL valid for `expires` seconds from
    /// `date`: the request's own parameters plus `X-Amz-Algorithm`, `X-Amz-Credential`,
    /// `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders` and `X-Amz-Signature`, already
    /// encoded and in canonical order, ready to join with `&`.
    public func presignedQuery(for request: Request, at date: Date, expires: Int) -> String {
        var signed = request
        signed.query += [
            (name: "X-Amz-Algorithm", value: Self.algorithm),
            (name: "X-Amz-Credential", value: "\(credentials.accessKeyID)/\(scope(at: date))"),
            (name: "X-Amz-Date", value: Self.timestamp(date)),
            (name: "X-Amz-Expires", value: "\(expires)"),
            (name: "X-Amz-SignedHeaders", value: Self.signedHeaderNames(request.headers)),
        ]
        let canonical = canonicalRequest(signed)
        let signature = self.signature(of: stringToSign(canonicalRequest: canonical, at: date), at: date)
        return Self.canonicalQuery(signed.query) + "&X-Amz-Signature=\(signature)"
    }

    /// Step 1: the canonical request, lines joined with `\n`.
    public func canonicalRequest(_ request: Request) -> String {
        let headers = Self.canonicalHeaders(request.headers)
        return [
            request.method,
            Self.encode(request.path, keepingSlashes: true),
            Self.canonicalQuery(request.query),
            headers.map { "\($0.name):\($0.value)\n" }.joined(),
            Self.signedHeaderNames(request.headers),
            request.payloadHash,
        ].joined(separator: "\n")
    }

    /// Step 2: the string to sign for a canonical request at `date`.
    public func stringToSign(canonicalRequest: String, at date: Date) -> String {
        [Self.algorithm, Self.timestamp(date), scope(at: date), Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8)))]
            .joined(separator: "\n")
    }

    /// Step 3: the signing key for a secret, a day (`yyyyMMdd`), region and service.
    public static func signingKey(secret: String, day: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Step 4: the hex signature of a string to sign.
    public func signature(of stringToSign: String, at date: Date) -> String {
        let key = Self.signingKey(secret: credentials.secretAccessKey, day: Self.day(date), region: region, service: service)
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// `<yyyyMMdd>/<region>/<service>/aws4_request`.
    private func scope(at date: Date) -> String { "\(Self.day(date))/\(region)/\(service)/aws4_request" }

    /// Lower-cased names with values trimmed and inner runs of spaces collapsed, sorted by name;
    /// repeated names are joined with commas in the order given.
    private static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            let trimmed = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            merged[name.lowercased(), default: []].append(trimmed)
        }
        return merged.keys.sorted().map { (name: $0, value: merged[$0]!.joined(separator: ",")) }
    }

    private static func signedHeaderNames(_ headers: [(name: String, value: String)]) -> String {
        Set(headers.map { $0.name.lowercased() }).sorted().joined(separator: ";")
    }

    /// Names and values encoded, sorted by name then value (byte order), joined with `&`.
    private static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (name: encode($0.name), value: encode($0.value)) }
            .sorted { ($0.name, $0.value) < ($1.name, $1.value) }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    /// SigV4's URI encoding: every byte of the UTF-8 form except the unreserved characters
    /// `A–Z a–z 0–9 - . _ ~` (and `/` in paths) as `%XY` with upper-case hex (RFC 3986 §2.1).
    public static func encode(_ text: String, keepingSlashes: Bool = false) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepingSlashes:
                encoded.append("/")
            default:
                encoded += "%" + String(Self.hexDigits[Int(byte >> 4)]) + String(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC (ISO 8601 basic format).
    static func timestamp(_ date: Date) -> String {
        let parts = utcComponents(date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(parts.year, 4) + padded(parts.month, 2) + padded(parts.day, 2) + "T"
            + padded(parts.hour, 2) + padded(parts.minute, 2) + padded(parts.second, 2) + "Z"
    }

    /// `yyyyMMdd` in UTC.
    static func day(_ date: Date) -> String { String(timestamp(date).prefix(8)) }

    private static func utcComponents(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in bytes {
            text.append(lowerHexDigits[Int(byte >> 4)])
            text.append(lowerHexDigits[Int(byte & 0x0F)])
        }
        return text
    }

    private static let hexDigits = Array("0123456789ABCDEF")
    private static let lowerHexDigits = Array("0123456789abcdef")
}
