import Foundation

/// Where and how one region's media bucket is reached: an S3-compatible endpoint addressed
/// path-style (`<endpoint>/<bucket>/<key>`), with SigV4 credentials.
///
/// `description` never shows the secret, so the value may be logged.
public struct S3Configuration: Sendable, Equatable, CustomStringConvertible {
    /// Base URL of the S3 API, `http(s)://host[:port]`, without a path.
    public var endpoint: URL
    /// The region's bucket (3–63 characters: lower-case letters, digits, `.` and `-`).
    public var bucket: String
    /// The signing region, e.g. `eu-central-1` (`us-east-1` for most S3-compatible servers).
    public var region: String
    /// The access key ID.
    public var accessKeyID: String
    /// The secret access key. Never logged.
    public var secretAccessKey: String
    /// Whether media reads are answered with a 302 to a presigned URL instead of proxied bytes.
    public var redirect: Bool
    /// Base URL clients use to reach the endpoint, for presigned URLs (default: ``endpoint``).
    public var publicEndpoint: URL?
    /// How long a presigned URL stays valid, in seconds (1…604800).
    public var redirectLifetimeSeconds: Int

    /// Creates a configuration; see ``validate()``.
    public init(endpoint: URL, bucket: String, region: String = "us-east-1", accessKeyID: String, secretAccessKey: String,
                redirect: Bool = false, publicEndpoint: URL? = nil, redirectLifetimeSeconds: Int = 300) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.region = region
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.redirect = redirect
        self.publicEndpoint = publicEndpoint
        self.redirectLifetimeSeconds = redirectLifetimeSeconds
    }

    /// The reason this configuration cannot work, or nil when it can: an endpoint that is not
    /// `http(s)://host[:port]`, an invalid bucket name (S3 naming rules), an empty region or key,
    /// or a redirect lifetime outside 1 s…7 days (SigV4's limit for presigned URLs).
    public func validate() -> String? {
        for (name, url) in [("endpoint", endpoint), ("publicEndpoint", publicEndpoint)] {
            guard let url else { continue }
            guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host?.isEmpty == false,
                  url.path.isEmpty || url.path == "/", url.query == nil, url.user == nil else {
                return "the S3 \(name) must look like http(s)://host[:port], not \(url.absoluteString)"
            }
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        guard (3...63).contains(bucket.count), bucket.allSatisfy(allowed.contains),
              bucket.first?.isLetter == true || bucket.first?.isNumber == true else {
            return "the S3 bucket name \(bucket.debugDescription) must be 3–63 lower-case letters, digits, dots or hyphens"
        }
        guard !region.isEmpty else { return "the S3 region must not be empty" }
        guard !accessKeyID.isEmpty, !secretAccessKey.isEmpty else { return "the S3 access key ID and secret must not be empty" }
        guard (1...604_800).contains(redirectLifetimeSeconds) else { return "the S3 redirect lifetime must be 1…604800 seconds" }
        return nil
    }

    public var description: String {
        "S3(endpoint: \(endpoint.absoluteString), bucket: \(bucket), region: \(region), accessKeyID: \(accessKeyID), "
            + "secretAccessKey: <redacted>, redirect: \(redirect))"
    }
}
