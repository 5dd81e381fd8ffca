import Foundation
import ReelCore
import ReelMedia

/// Per-region media engines: a region listed in ``ReelConfiguration/s3Media`` keeps its media in
/// that S3 bucket, every other region on local disk under the data directory.
extension ReelConfiguration {
    /// The names of the environment variables that configure region `code`'s bucket, e.g.
    /// `REEL_EU_S3_ENDPOINT` for `eu`.
    static func s3EnvironmentKey(_ code: RegionCode, _ field: String) -> String {
        "REEL_\(code.rawValue.uppercased())_S3_\(field)"
    }

    /// Applies `REEL_<REGION>_S3_*` variables: `ENDPOINT`, `BUCKET`, `REGION`, `ACCESS_KEY_ID`,
    /// `SECRET_ACCESS_KEY`, `REDIRECT` (`true`/`false`), `PUBLIC_ENDPOINT`,
    /// `REDIRECT_LIFETIME_SECONDS`. Each overrides that field of the region's file settings; a
    /// region without file settings needs at least endpoint, bucket and both keys.
    mutating func applyMediaEnvironment(_ environment: [String: String]) throws {
        for region in regions.regions {
            func value(_ field: String) -> String? { environment[Self.s3EnvironmentKey(region.code, field)] }
            let fields = ["ENDPOINT", "BUCKET", "REGION", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "REDIRECT", "PUBLIC_ENDPOINT", "REDIRECT_LIFETIME_SECONDS"]
            guard fields.contains(where: { value($0) != nil }) else { continue }
            var settings = S3Settings(s3Media[region.code])
            if let endpoint = value("ENDPOINT") { settings.endpoint = endpoint }
            if let bucket = value("BUCKET") { settings.bucket = bucket }
            if let signingRegion = value("REGION") { settings.region = signingRegion }
            if let key = value("ACCESS_KEY_ID") { settings.accessKeyID = key }
            if let secret = value("SECRET_ACCESS_KEY") { settings.secretAccessKey = secret }
            if let publicEndpoint = value("PUBLIC_ENDPOINT") { settings.publicEndpoint = publicEndpoint.isEmpty ? nil : publicEndpoint }
            if let raw = value("REDIRECT") {
                guard let redirect = Bool(raw.lowercased()) else {
                    throw ReelError.invalidConfig("\(Self.s3EnvironmentKey(region.code, "REDIRECT"))=\(raw) must be true or false")
                }
                settings.redirect = redirect
            }
            if let raw = value("REDIRECT_LIFETIME_SECONDS") {
                guard let seconds = Int(raw) else {
                    throw ReelError.invalidConfig("\(Self.s3EnvironmentKey(region.code, "REDIRECT_LIFETIME_SECONDS"))=\(raw) is not a whole number")
                }
                settings.redirectLifetimeSeconds = seconds
            }
            s3Media[region.code] = try settings.resolved(for: region.code)
        }
    }

    /// Checks every bucket's settings, that each names a configured region, and that no two
    /// regions share a bucket (their media would mix, breaking residency).
    func validateMedia() throws {
        var buckets: [String: RegionCode] = [:]
        for (code, s3) in s3Media.sorted(by: { $0.key < $1.key }) {
            guard regions.definition(for: code) != nil else { throw ReelError.invalidConfig("S3 media is configured for unknown region \(code)") }
            if let problem = s3.validate() { throw ReelError.invalidConfig("region \(code): \(problem)") }
            let place = "\(S3Settings.origin(s3.endpoint))/\(s3.bucket)"
            if let other = buckets.updateValue(code, forKey: place) {
                throw ReelError.invalidConfig("regions \(other) and \(code) share the bucket \(place); each region needs its own")
            }
        }
    }
}

/// The `media` object of a region in the JSON configuration file: `{"s3": {…}}`, or absent for disk.
struct MediaSettings: Decodable {
    var s3: S3Settings?
}

/// S3 settings as written in the configuration file or assembled from the environment, before
/// they are checked and turned into an ``S3Configuration``.
struct S3Settings: Decodable {
    var endpoint: String?
    var bucket: String?
    var region: String?
    var accessKeyID: String?
    var secretAccessKey: String?
    var redirect: Bool?
    var publicEndpoint: String?
    var redirectLifetimeSeconds: Int?

    /// Starts from an existing configuration (or from nothing).
    init(_ existing: S3Configuration?) {
        endpoint = existing?.endpoint.absoluteString
        bucket = existing?.bucket
        region = existing?.region
        accessKeyID = existing?.accessKeyID
        secretAccessKey = existing?.secretAccessKey
        redirect = existing?.redirect
        publicEndpoint = existing?.publicEndpoint?.absoluteString
        redirectLifetimeSeconds = existing?.redirectLifetimeSeconds
    }

    /// The configuration these settings describe.
    /// - Throws: ``ReelError`` `invalid_config` naming the first missing or malformed field
    ///   (never its value, which may be a secret).
    func resolved(for code: RegionCode) throws -> S3Configuration {
        func required(_ value: String?, _ name: String) throws -> String {
            guard let value, !value.isEmpty else { throw ReelError.invalidConfig("region \(code): S3 media needs \(name)") }
            return value
        }
        func url(_ text: String, _ name: String) throws -> URL {
            guard let url = URL(string: text) else { throw ReelError.invalidConfig("region \(code): the S3 \(name) is not a URL") }
            return url
        }
        let configuration = S3Configuration(
            endpoint: try url(try required(endpoint, "endpoint"), "endpoint"), bucket: try required(bucket, "bucket"),
            region: region ?? "us-east-1", accessKeyID: try required(accessKeyID, "accessKeyID"),
            secretAccessKey: try required(secretAccessKey, "secretAccessKey"), redirect: redirect ?? false,
            publicEndpoint: try publicEndpoint.map { try url($0, "publicEndpoint") }, redirectLifetimeSeconds: redirectLifetimeSeconds ?? 300)
        if let problem = configuration.validate() { throw ReelError.invalidConfig("region \(code): \(problem)") }
        return configuration
    }

    /// `scheme://host[:port]` of an endpoint, lower-cased, for comparing buckets.
    static func origin(_ url: URL) -> String {
        "\(url.scheme ?? "")://\(url.host ?? "")\(url.port.map { ":\($0)" } ?? "")".lowercased()
    }
}

/// A region as written in the configuration file: the ``RegionDefinition`` fields plus an
/// optional `media` object.
struct RegionEntry: Decodable {
    var definition: RegionDefinition
    var media: MediaSettings?

    private enum CodingKeys: String, CodingKey {
        case media
    }

    init(from decoder: any Decoder) throws {
        definition = try RegionDefinition(from: decoder)
        media = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(MediaSettings.self, forKey: .media)
    }
}
