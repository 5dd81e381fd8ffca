import Foundation
import ReelMedia
import Testing

/// The SeaweedFS (or other S3) server `make test` starts (`Tests/S3/start-seaweedfs.sh`), read
/// from `REEL_TEST_S3_ENDPOINT`, `REEL_TEST_S3_ACCESS_KEY_ID`, `REEL_TEST_S3_SECRET_ACCESS_KEY`
/// and `REEL_TEST_S3_BUCKET_PREFIX` (buckets `<prefix>media`, `<prefix>us`, `<prefix>eu`, `<prefix>global`).
enum S3TestEnvironment {
    /// The configuration for bucket `<prefix><suffix>`, or nil when the variables are not set.
    static func configuration(bucket suffix: String, redirect: Bool = false) -> S3Configuration? {
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = environment["REEL_TEST_S3_ENDPOINT"].flatMap(URL.init(string:)),
              let key = environment["REEL_TEST_S3_ACCESS_KEY_ID"], let secret = environment["REEL_TEST_S3_SECRET_ACCESS_KEY"] else { return nil }
        let prefix = environment["REEL_TEST_S3_BUCKET_PREFIX"] ?? "reel-test-"
        return S3Configuration(endpoint: endpoint, bucket: prefix + suffix, accessKeyID: key, secretAccessKey: secret, redirect: redirect)
    }

    /// Whether the S3 engine can be tested here.
    static var isConfigured: Bool { configuration(bucket: "media") != nil }

    /// Fails when S3 is not configured on CI (`CI=true`), where `make test` must have started it;
    /// elsewhere cancels the calling test with a note saying how to run the S3 cases.
    static func requireConfigured() throws {
        guard !isConfigured else { return }
        let note = "REEL_TEST_S3_ENDPOINT is not set, so the S3 media engine was not tested: run `make test`, or start "
            + "Tests/S3/start-seaweedfs.sh and export the variables it prints."
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record(Comment(rawValue: note))
        } else {
            try Test.cancel(Comment(rawValue: note))
        }
    }
}

/// The media engines the store tests run on: disk always, S3 when configured.
enum MediaEngine: String, Sendable, CustomTestStringConvertible {
    case disk
    case s3

    /// Disk, plus S3 when its server is configured (``S3TestEnvironment/requireConfigured()``
    /// reports its absence in a test of its own).
    static var available: [MediaEngine] { S3TestEnvironment.isConfigured ? [.disk, .s3] : [.disk] }

    var testDescription: String { rawValue }

    /// A store on this engine whose local folders are under `directory`.
    func makeStore(in directory: URL, redirect: Bool = false) throws -> any MediaStore {
        switch self {
        case .disk:
            return try DiskMediaStore(root: directory)
        case .s3:
            let configuration = try #require(S3TestEnvironment.configuration(bucket: "media", redirect: redirect))
            return try S3MediaStore(configuration: configuration, scratchRoot: directory.appendingPathComponent("scratch"))
        }
    }
}
