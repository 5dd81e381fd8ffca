import Foundation
import Logging
import ReelCore
import ReelGuard
import ReelMedia
import ReelSafety
import ReelStore

/// Everything the server reads at start-up, resolved once (file, then environment, then defaults)
/// and passed down as a typed value. Secrets are never logged.
public struct ReelConfiguration: Sendable {
    /// Interface to listen on.
    public var host: String = "127.0.0.1"
    /// TCP port to listen on.
    public var port: Int = 8080
    /// Root of all stores: `<dataDirectory>/<region>/region.sqlite`, `<region>/media/`, `public/public.sqlite`.
    public var dataDirectory: URL = URL(fileURLWithPath: "reel-data", isDirectory: true)
    /// Regions and the country → region map.
    public var regions: RegionMap = .standard
    /// Largest video upload accepted, in bytes.
    public var maxUploadBytes: Int = 200 * 1024 * 1024
    /// Longest video accepted, in seconds.
    public var maxVideoSeconds: Double = 600
    /// Largest JSON request body accepted, in bytes.
    public var maxJSONBytes: Int = 1024 * 1024
    /// How long a bearer token is valid, in seconds.
    public var tokenLifetime: TimeInterval = 30 * 24 * 3600
    /// bcrypt cost factor (work = 2^cost).
    public var bcryptCost: UInt8 = 10
    /// HMAC key for bearer tokens; when nil, a random key is created once and kept in the data directory.
    public var tokenSecret: String?
    /// How often the transcode worker looks for queued jobs when it has not been woken, in seconds.
    public var transcodePollInterval: Double = 1.0
    /// How often the access policy files are checked for changes, in seconds.
    public var policyPollInterval: Double = 2
    /// How often the For You recommenders retrain their embeddings and save snapshots, in seconds.
    public var recommenderRetrainInterval: Double = 300
    /// How long a connection may stay silent before it is closed, in seconds: between requests, while
    /// its request headers are still arriving (a half-sent header counts as silence) and mid-body.
    public var idleTimeout: Double = 30
    /// Largest request header section accepted, in bytes; larger ones get 431 `headers_too_large`.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Longest a new Popular session may start from an existing ranking snapshot before a new one
    /// is taken, in seconds (0: every first page takes a new one).
    public var popularRefreshInterval: Double = 30
    /// S3 buckets of the regions whose media is not on local disk, by region code. A region not
    /// listed keeps its media in `<dataDirectory>/<region>/media/`.
    public var s3Media: [RegionCode: S3Configuration] = [:]
    /// A `postgres://` URL per region whose store lives in PostgreSQL; a region without one keeps its
    /// SQLite file under ``dataDirectory``. Secret (may hold a password): never logged.
    public var databaseURLs: [RegionCode: String] = [:]
    /// A `postgres://` URL for the public index; nil keeps it in SQLite under ``dataDirectory``.
    public var publicDatabaseURL: String?
    /// Bearer token a scraper must send to read `GET /metrics`. Nil: metrics are served only when
    /// ``host`` is a loopback address, 404 otherwise. Secret: never logged.
    public var metricsToken: String?
    /// Longest a SIGTERM (or SIGINT) waits for in-flight requests, streams included, and the
    /// running transcode before the process stops anyway, in seconds.
    public var shutdownGraceSeconds: Double = 30
    /// Longest the transcode worker lets its running job finish after SIGTERM before it hands the
    /// job back to the queue (for another node or the next start), in seconds; below
    /// ``shutdownGraceSeconds`` so the hand-back happens before the process stops.
    public var transcodeShutdownGraceSeconds: Double = 20
    /// The web client's folder (served at `/`); nil serves the API alone.
    public var webDirectory: URL? = ReelConfiguration.locateWebDirectory()
    /// Several nodes, options of the scaled-out layout (see `ReelConfiguration+Nodes.swift`).
    public var nodes = NodeSettings()
    /// Each region's key custodian (see `ReelConfiguration+Custodians.swift`). A region not listed
    /// gets a child custodian started by `reel serve` under `<dataDirectory>/custodians/<region>`.
    public var custodians: [RegionCode: CustodianEndpoint] = [:]
    /// How long an unwrapped data key stays in the server's memory after its last use, in seconds
    /// (file `dataKeyCacheSeconds`, env `REEL_DATA_KEY_CACHE_SECONDS`; 0 asks the custodian every time).
    public var dataKeyCacheSeconds: Double = 300
    /// Abuse limits per action (file `rateLimits`: `{"comment": "30/300", …}`; env
    /// `REEL_RATE_LIMIT_<ACTION>="count/seconds"`); see ``RateLimitAction`` for the defaults.
    public var rateLimits = RateLimits()
    /// Addresses of the reverse proxies whose `X-Forwarded-For` names the client (file
    /// `trustedProxies`, env `REEL_TRUSTED_PROXIES` comma-separated); empty: the header is ignored.
    public var trustedProxies: [String] = []

    /// The built-in defaults.
    public init() {}

    /// The public index database.
    public var publicIndexURL: URL { dataDirectory.appendingPathComponent("public/public.sqlite") }

    /// Reads defaults, then the JSON file at `file` (if given), then `REEL_*` environment variables.
    /// - Throws: ``ReelError`` `invalid_config` with the offending key.
    public static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ReelConfiguration {
        var configuration = ReelConfiguration()
        if let file {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw ReelError.invalidConfig("cannot read config file \(file): \(error.localizedDescription)")
            }
            let fileValues: ConfigurationFile
            do { fileValues = try JSONDecoder().decode(ConfigurationFile.self, from: data) } catch {
                throw ReelError.invalidConfig("config file \(file) is not valid: \(error)")
            }
            // A misspelt key would otherwise be ignored silently, leaving its default in force.
            if let keys = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?.keys,
               let unknown = keys.filter({ !ConfigurationFile.keys.contains($0) }).sorted().first {
                throw ReelError.invalidConfig("config file \(file) has an unknown key '\(unknown)'")
            }
            try fileValues.apply(to: &configuration)
        }
        try configuration.applyEnvironment(environment)
        return configuration
    }

    mutating func applyEnvironment(_ environment: [String: String]) throws {
        func number<T: LosslessStringConvertible>(_ key: String, _ type: T.Type) throws -> T? {
            guard let raw = environment[key] else { return nil }
            guard let value = T(raw) else { throw ReelError.invalidConfig("\(key)=\(raw) is not a valid number") }
            return value
        }
        if let host = environment["REEL_HOST"] { self.host = host }
        if let port = try number("REEL_PORT", Int.self) { self.port = port }
        if let directory = environment["REEL_DATA_DIR"] { dataDirectory = URL(fileURLWithPath: directory, isDirectory: true) }
        if let bytes = try number("REEL_MAX_UPLOAD_BYTES", Int.self) { maxUploadBytes = bytes }
        if let seconds = try number("REEL_MAX_VIDEO_SECONDS", Double.self) { maxVideoSeconds = seconds }
        if let seconds = try number("REEL_TOKEN_LIFETIME_SECONDS", Double.self) { tokenLifetime = seconds }
        if let cost = try number("REEL_BCRYPT_COST", UInt8.self) { bcryptCost = cost }
        if let seconds = try number("REEL_RETRAIN_INTERVAL_SECONDS", Double.self) { recommenderRetrainInterval = seconds }
        if let seconds = try number("REEL_POLICY_POLL_SECONDS", Double.self) { policyPollInterval = seconds }
        if let seconds = try number("REEL_IDLE_TIMEOUT_SECONDS", Double.self) { idleTimeout = seconds }
        if let bytes = try number("REEL_MAX_HEADER_BYTES", Int.self) { maxHeaderBytes = bytes }
        if let seconds = try number("REEL_POPULAR_REFRESH_SECONDS", Double.self) { popularRefreshInterval = seconds }
        if let secret = environment["REEL_TOKEN_SECRET"] { tokenSecret = secret }
        if let token = environment["REEL_METRICS_TOKEN"] { metricsToken = token.isEmpty ? nil : token }
        if let seconds = try number("REEL_SHUTDOWN_GRACE_SECONDS", Double.self) { shutdownGraceSeconds = seconds }
        if let seconds = try number("REEL_TRANSCODE_SHUTDOWN_GRACE_SECONDS", Double.self) { transcodeShutdownGraceSeconds = seconds }
        if let web = environment["REEL_WEB_DIR"] { webDirectory = web.isEmpty ? nil : URL(fileURLWithPath: web, isDirectory: true) }
        if let countries = environment["REEL_COUNTRY_REGIONS"] {
            regions = try Self.remap(regions, countries: countries)
        }
        try applyMediaEnvironment(environment)
        try nodes.applyEnvironment(environment)
        try applyCustodianEnvironment(environment)
        try applyRateLimitEnvironment(environment)
        // REEL_<REGION>_DATABASE_URL (e.g. REEL_EU_DATABASE_URL) and REEL_PUBLIC_DATABASE_URL; empty means SQLite.
        for region in regions.regions {
            guard let url = environment["REEL_\(region.code.rawValue.uppercased())_DATABASE_URL"] else { continue }
            databaseURLs[region.code] = url.isEmpty ? nil : url
        }
        if let url = environment["REEL_PUBLIC_DATABASE_URL"] { publicDatabaseURL = url.isEmpty ? nil : url }
        try validate()
    }

    /// Moves countries between regions from a `DE=eu,CH=eu` list.
    static func remap(_ map: RegionMap, countries: String) throws -> RegionMap {
        var regions = map.regions
        for pair in countries.split(separator: ",") {
            let parts = pair.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let target = regions.firstIndex(where: { $0.code.rawValue == parts[1] }) else {
                throw ReelError.invalidConfig("REEL_COUNTRY_REGIONS entry '\(pair)' must be COUNTRY=region with a known region")
            }
            let country = parts[0].uppercased()
            for index in regions.indices { regions[index].countries.removeAll { $0.uppercased() == country } }
            regions[target].countries.append(country)
        }
        return try RegionMap(regions: regions, defaultRegion: map.defaultRegion)
    }

    func validate() throws {
        guard (1...65535).contains(port) else { throw ReelError.invalidConfig("port \(port) is out of range") }
        guard maxUploadBytes > 0 else { throw ReelError.invalidConfig("maxUploadBytes must be positive") }
        guard maxVideoSeconds > 0 else { throw ReelError.invalidConfig("maxVideoSeconds must be positive") }
        guard (4...31).contains(bcryptCost) else { throw ReelError.invalidConfig("bcryptCost must be 4...31") }
        guard policyPollInterval > 0 else { throw ReelError.invalidConfig("policyPollInterval must be positive") }
        guard recommenderRetrainInterval > 0 else { throw ReelError.invalidConfig("recommenderRetrainInterval must be positive") }
        guard idleTimeout > 0 else { throw ReelError.invalidConfig("idleTimeout must be positive") }
        guard maxHeaderBytes >= 1024 else { throw ReelError.invalidConfig("maxHeaderBytes must be at least 1024") }
        guard popularRefreshInterval >= 0 else { throw ReelError.invalidConfig("popularRefreshInterval must not be negative") }
        guard tokenLifetime > 0 else { throw ReelError.invalidConfig("tokenLifetime must be positive") }
        guard shutdownGraceSeconds > 0 else { throw ReelError.invalidConfig("shutdownGraceSeconds must be positive") }
        guard transcodeShutdownGraceSeconds >= 0, transcodeShutdownGraceSeconds < shutdownGraceSeconds else {
            throw ReelError.invalidConfig("transcodeShutdownGraceSeconds must be at least 0 and less than shutdownGraceSeconds")
        }
        if let metricsToken, metricsToken.utf8.count < 16 {
            throw ReelError.invalidConfig("metricsToken must be at least 16 characters long")
        }
        try validateMedia()
        try validateNodes()
        try validateCustodians()
        for (code, url) in databaseURLs {
            guard regions.definition(for: code) != nil else { throw ReelError.invalidConfig("databaseURLs names an unknown region \(code)") }
            guard Self.isPostgresURL(url) else { throw ReelError.invalidConfig("the database URL of region \(code) must start with postgres://") }
        }
        if let publicDatabaseURL, !Self.isPostgresURL(publicDatabaseURL) {
            throw ReelError.invalidConfig("the public database URL must start with postgres://")
        }
        if let webDirectory, !FileManager.default.fileExists(atPath: webDirectory.appendingPathComponent("index.html").path) {
            throw ReelError.invalidConfig("web directory \(webDirectory.path) has no index.html")
        }
    }

    private static func isPostgresURL(_ url: String) -> Bool {
        url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    /// Finds the repository's `Web/` folder: in the working directory, or above the executable
    /// (`.build/<config>/reel` lives three levels below the checkout). Nil when there is none.
    static func locateWebDirectory() -> URL? {
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)]
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "", isDirectory: false).resolvingSymlinksInPath()
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            candidates.append(directory)
        }
        return candidates.map { $0.appendingPathComponent("Web", isDirectory: true) }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("index.html").path) }
    }
}

/// The JSON configuration file; every key is optional.
struct ConfigurationFile: Decodable {
    /// Every top-level key the file may have.
    static let keys: Set<String> = [
        "host", "port", "dataDirectory", "maxUploadBytes", "maxVideoSeconds", "tokenLifetimeSeconds", "bcryptCost",
        "idleTimeoutSeconds", "maxHeaderBytes", "webDirectory", "tokenSecret", "metricsToken", "shutdownGraceSeconds",
        "transcodeShutdownGraceSeconds", "recommenderRetrainIntervalSeconds", "regions", "defaultRegion", "databaseURLs",
        "publicDatabaseURL", "multiNode", "logPollSeconds", "transcodeLeaseSeconds", "custodians", "dataKeyCacheSeconds",
        "rateLimits", "trustedProxies",
    ]

    var host: String?
    var port: Int?
    var dataDirectory: String?
    var maxUploadBytes: Int?
    var maxVideoSeconds: Double?
    var tokenLifetimeSeconds: Double?
    var bcryptCost: UInt8?
    var idleTimeoutSeconds: Double?
    var maxHeaderBytes: Int?
    var webDirectory: String?
    /// Shared by every node behind one load balancer, or a token from one node fails on another.
    var tokenSecret: String?
    var metricsToken: String?
    var shutdownGraceSeconds: Double?
    var transcodeShutdownGraceSeconds: Double?
    var recommenderRetrainIntervalSeconds: Double?
    var regions: [RegionEntry]?
    var defaultRegion: RegionCode?
    /// `{"us": "postgres://…", …}`: regions whose store lives in PostgreSQL.
    var databaseURLs: [String: String]?
    var publicDatabaseURL: String?
    /// `true` when several `reel serve` nodes share the stores.
    var multiNode: Bool?
    var logPollSeconds: Double?
    var transcodeLeaseSeconds: Double?
    /// `{"us": {"url"|"socket": …, "credentialFile": …}, …}`: each region's key custodian.
    var custodians: [String: CustodianSettings]?
    var dataKeyCacheSeconds: Double?
    /// `{"login": "5/30", "comment": "30/300", …}`: limits that replace the defaults.
    var rateLimits: [String: String]?
    var trustedProxies: [String]?

    func apply(to configuration: inout ReelConfiguration) throws {
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let dataDirectory { configuration.dataDirectory = URL(fileURLWithPath: dataDirectory, isDirectory: true) }
        if let maxUploadBytes { configuration.maxUploadBytes = maxUploadBytes }
        if let maxVideoSeconds { configuration.maxVideoSeconds = maxVideoSeconds }
        if let tokenLifetimeSeconds { configuration.tokenLifetime = tokenLifetimeSeconds }
        if let bcryptCost { configuration.bcryptCost = bcryptCost }
        if let idleTimeoutSeconds { configuration.idleTimeout = idleTimeoutSeconds }
        if let maxHeaderBytes { configuration.maxHeaderBytes = maxHeaderBytes }
        if let tokenSecret { configuration.tokenSecret = tokenSecret.isEmpty ? nil : tokenSecret }
        if let metricsToken { configuration.metricsToken = metricsToken.isEmpty ? nil : metricsToken }
        if let shutdownGraceSeconds { configuration.shutdownGraceSeconds = shutdownGraceSeconds }
        if let transcodeShutdownGraceSeconds { configuration.transcodeShutdownGraceSeconds = transcodeShutdownGraceSeconds }
        if let recommenderRetrainIntervalSeconds { configuration.recommenderRetrainInterval = recommenderRetrainIntervalSeconds }
        if let webDirectory { configuration.webDirectory = webDirectory.isEmpty ? nil : URL(fileURLWithPath: webDirectory, isDirectory: true) }
        if regions != nil || defaultRegion != nil {
            configuration.regions = try RegionMap(regions: regions?.map(\.definition) ?? configuration.regions.regions,
                                                  defaultRegion: defaultRegion ?? configuration.regions.defaultRegion)
        }
        for region in regions ?? [] {
            if let s3 = region.media?.s3 { configuration.s3Media[region.definition.code] = try s3.resolved(for: region.definition.code) }
        }
        for (code, url) in databaseURLs ?? [:] where !url.isEmpty {
            configuration.databaseURLs[RegionCode(code)] = url
        }
        if let publicDatabaseURL { configuration.publicDatabaseURL = publicDatabaseURL.isEmpty ? nil : publicDatabaseURL }
        if let multiNode { configuration.nodes.isMultiNode = multiNode }
        if let logPollSeconds { configuration.nodes.logPollInterval = logPollSeconds }
        if let transcodeLeaseSeconds { configuration.nodes.transcodeLease = transcodeLeaseSeconds }
        for (code, settings) in custodians ?? [:] {
            configuration.custodians[RegionCode(code)] = try settings.resolved(for: RegionCode(code))
        }
        if let dataKeyCacheSeconds { configuration.dataKeyCacheSeconds = dataKeyCacheSeconds }
        for (name, text) in rateLimits ?? [:] {
            try configuration.setRateLimit(name: name, text: text, source: "rateLimits.\(name)")
        }
        if let trustedProxies { configuration.trustedProxies = trustedProxies }
    }
}
