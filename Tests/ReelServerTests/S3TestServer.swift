import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReelCore
@testable import ReelMedia
@testable import ReelServer
import Testing

/// The S3 server `make test` starts (`Tests/S3/start-seaweedfs.sh`), from `REEL_TEST_S3_*`.
enum S3TestServer {
    /// Bucket `<prefix><region>` on the test server, or nil when the variables are not set.
    static func configuration(region: RegionCode, redirect: Bool = false) -> S3Configuration? {
        credentials(bucket: region.rawValue, redirect: redirect)
    }

    /// Bucket `<prefix><suffix>` on the test server, or nil when the variables are not set.
    private static func credentials(bucket suffix: String, redirect: Bool = false) -> S3Configuration? {
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = environment["REEL_TEST_S3_ENDPOINT"].flatMap(URL.init(string:)),
              let key = environment["REEL_TEST_S3_ACCESS_KEY_ID"], let secret = environment["REEL_TEST_S3_SECRET_ACCESS_KEY"] else { return nil }
        let prefix = environment["REEL_TEST_S3_BUCKET_PREFIX"] ?? "reel-test-"
        return S3Configuration(endpoint: endpoint, bucket: prefix + suffix, accessKeyID: key, secretAccessKey: secret, redirect: redirect)
    }

    private static let missing = "REEL_TEST_S3_ENDPOINT is not set, so media was not tested on S3: run `make test`, or start "
        + "Tests/S3/start-seaweedfs.sh and export the variables it prints."

    /// The test server's endpoint and credentials, with the bucket prefix as the bucket; cancels the
    /// test when they are not set, or fails it on CI.
    static func requireCredentials() throws -> S3Configuration {
        guard let configuration = credentials(bucket: "") else { try skipOrFail(missing) }
        return configuration
    }

    /// Puts every region's media into its test bucket; on CI (`CI=true`) a missing server fails the
    /// test, elsewhere the test is cancelled with a note.
    static func useS3(for configuration: inout ReelConfiguration, redirect: Bool = false) throws {
        for region in configuration.regions.regions {
            guard let s3 = Self.configuration(region: region.code, redirect: redirect) else {
                if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record(Comment(rawValue: missing)) }
                try Test.cancel(Comment(rawValue: missing))
            }
            configuration.s3Media[region.code] = s3
        }
    }

    /// CreateBucket (`PUT /<bucket>`).
    static func createBucket(_ bucket: S3Configuration) async throws {
        let (status, body) = try await send("PUT", path: "/\(bucket.bucket)", on: bucket)
        guard status == 200 else { throw EngineUnavailable(message: "Creating bucket \(bucket.bucket) answered \(status): \(body)") }
    }

    /// Deletes every object of the bucket, then the bucket (`DELETE /<bucket>`). A missing bucket is fine.
    static func deleteBucket(_ bucket: S3Configuration) async throws {
        let client = S3Client(configuration: bucket, http: .shared)
        let keys: [String]
        do { keys = try await client.listKeys(prefix: "") } catch { return }
        for key in keys { try await client.deleteObject(key) }
        let (status, body) = try await send("DELETE", path: "/\(bucket.bucket)", on: bucket)
        guard [204, 404].contains(status) else { throw EngineUnavailable(message: "Deleting bucket \(bucket.bucket) answered \(status): \(body)") }
    }

    /// ListBuckets (`GET /`): the name of every bucket on the server of `server`.
    static func bucketNames(on server: S3Configuration) async throws -> [String] {
        let (status, body) = try await send("GET", path: "/", on: server)
        guard status == 200 else { throw EngineUnavailable(message: "Listing buckets answered \(status): \(body)") }
        return body.components(separatedBy: "<Name>").dropFirst().compactMap { $0.components(separatedBy: "</Name>").first }
    }

    /// Every object key in `bucket` on the server of `server`.
    static func objectKeys(in bucket: String, on server: S3Configuration) async throws -> [String] {
        var configuration = server
        configuration.bucket = bucket
        return try await S3Client(configuration: configuration, http: .shared).listKeys(prefix: "")
    }

    /// Sends one SigV4-signed request without a body to the server of `configuration`.
    private static func send(_ method: String, path: String, on configuration: S3Configuration) async throws -> (status: UInt, body: String) {
        let signer = SigV4Signer(credentials: .init(accessKeyID: configuration.accessKeyID, secretAccessKey: configuration.secretAccessKey),
                                 region: configuration.region, service: "s3")
        let headers: [(name: String, value: String)] = [(name: "host", value: S3Client.hostHeader(of: configuration.endpoint)),
                                                        (name: "x-amz-content-sha256", value: SigV4Signer.emptyPayloadHash)]
        let signature = signer.signedHeaders(for: .init(method: method, path: path, headers: headers, payloadHash: SigV4Signer.emptyPayloadHash),
                                             at: Date())
        let base = configuration.endpoint.absoluteString.hasSuffix("/") ? String(configuration.endpoint.absoluteString.dropLast())
            : configuration.endpoint.absoluteString
        var request = HTTPClientRequest(url: base + path)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers + signature { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 4 << 20)
        return (response.status.code, String(buffer: body))
    }
}
