import Foundation
import ReelCore
import ReelMedia
@testable import ReelServer
import Testing

@Suite("Configuration: per-region media engines")
struct MediaConfigurationTests {
    static let secret = "s3cr3t-value-never-logged"

    static func load(json: String?, environment: [String: String] = [:]) throws -> ReelConfiguration {
        guard let json else { return try ReelConfiguration.load(file: nil, environment: environment) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reel-config-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try ReelConfiguration.load(file: file.path, environment: environment)
    }

    static let regionsJSON = """
        {"regions": [
          {"code": "us", "index": 1, "name": "United States", "countries": ["US"]},
          {"code": "eu", "index": 2, "name": "EU", "countries": ["DE"], "media": {"s3": {"endpoint": "https://s3.eu.example",
            "bucket": "reel-eu", "region": "eu-central-1", "accessKeyID": "AKEU", "secretAccessKey": "\(secret)", "redirect": true}}},
          {"code": "global", "index": 3, "name": "Rest", "countries": []}
        ], "defaultRegion": "global"}
        """

    @Test("a region's media object in the file selects S3; regions without one stay on disk")
    func fileSelectsS3() throws {
        let configuration = try Self.load(json: Self.regionsJSON)
        let eu = try #require(configuration.s3Media["eu"])
        #expect(eu.endpoint.absoluteString == "https://s3.eu.example")
        #expect(eu.bucket == "reel-eu" && eu.region == "eu-central-1" && eu.redirect && eu.redirectLifetimeSeconds == 300)
        #expect(configuration.s3Media["us"] == nil && configuration.s3Media["global"] == nil)
        #expect(try ReelConfiguration.load(file: nil, environment: [:]).s3Media.isEmpty, "the default is disk everywhere")
    }

    @Test("REEL_<REGION>_S3_* variables configure a region or override the file's fields")
    func environment() throws {
        let configuration = try Self.load(json: Self.regionsJSON, environment: [
            "REEL_US_S3_ENDPOINT": "http://127.0.0.1:9000", "REEL_US_S3_BUCKET": "reel-us",
            "REEL_US_S3_ACCESS_KEY_ID": "AKUS", "REEL_US_S3_SECRET_ACCESS_KEY": Self.secret,
            "REEL_EU_S3_REDIRECT": "false", "REEL_EU_S3_BUCKET": "reel-eu-2",
        ])
        let us = try #require(configuration.s3Media["us"])
        #expect(us.endpoint.absoluteString == "http://127.0.0.1:9000" && us.bucket == "reel-us" && us.region == "us-east-1" && !us.redirect)
        let eu = try #require(configuration.s3Media["eu"])
        #expect(eu.bucket == "reel-eu-2" && !eu.redirect && eu.accessKeyID == "AKEU", "unset fields keep the file's values")
    }

    @Test("incomplete or clashing S3 settings are refused at start-up, naming the field but never the secret", arguments: [
        ["REEL_US_S3_ENDPOINT": "http://127.0.0.1:9000", "REEL_US_S3_ACCESS_KEY_ID": "AK", "REEL_US_S3_SECRET_ACCESS_KEY": secret],
        ["REEL_US_S3_ENDPOINT": "ftp://host", "REEL_US_S3_BUCKET": "reel-us", "REEL_US_S3_ACCESS_KEY_ID": "AK", "REEL_US_S3_SECRET_ACCESS_KEY": secret],
        ["REEL_US_S3_ENDPOINT": "http://host/path", "REEL_US_S3_BUCKET": "reel-us", "REEL_US_S3_ACCESS_KEY_ID": "AK", "REEL_US_S3_SECRET_ACCESS_KEY": secret],
        ["REEL_US_S3_ENDPOINT": "http://host", "REEL_US_S3_BUCKET": "Bad_Bucket", "REEL_US_S3_ACCESS_KEY_ID": "AK", "REEL_US_S3_SECRET_ACCESS_KEY": secret],
        ["REEL_US_S3_ENDPOINT": "https://s3.eu.example", "REEL_US_S3_BUCKET": "reel-eu", "REEL_US_S3_ACCESS_KEY_ID": "AK",
         "REEL_US_S3_SECRET_ACCESS_KEY": secret],
        ["REEL_EU_S3_REDIRECT": "sometimes"],
    ])
    func refusesBadSettings(environment: [String: String]) throws {
        let error = try #require(throws: ReelError.self) { try Self.load(json: Self.regionsJSON, environment: environment) }
        #expect(error.code == "invalid_config")
        #expect(!error.message.contains(Self.secret), "\(error.message)")
    }

    @Test("the logged form of a configured bucket hides the secret")
    func descriptionHidesSecret() throws {
        let eu = try #require(try Self.load(json: Self.regionsJSON).s3Media["eu"])
        #expect("\(eu)".contains("reel-eu") && !"\(eu)".contains(Self.secret))
    }
}
