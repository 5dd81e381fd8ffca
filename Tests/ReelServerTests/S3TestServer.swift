import Foundation
import ReelCore
import ReelMedia
@testable import ReelServer
import Testing

/// The S3 server `make test` starts (`Tests/S3/start-seaweedfs.sh`), from `REEL_TEST_S3_*`.
enum S3TestServer {
    /// Bucket `<prefix><region>` on the test server, or nil when the variables are not set.
    static func configuration(region: RegionCode, redirect: Bool = false) -> S3Configuration? {
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = environment["REEL_TEST_S3_ENDPOINT"].flatMap(URL.init(string:)),
              let key = environment["REEL_TEST_S3_ACCESS_KEY_ID"], let secret = environment["REEL_TEST_S3_SECRET_ACCESS_KEY"] else { return nil }
        let prefix = environment["REEL_TEST_S3_BUCKET_PREFIX"] ?? "reel-test-"
        return S3Configuration(endpoint: endpoint, bucket: prefix + region.rawValue, accessKeyID: key, secretAccessKey: secret, redirect: redirect)
    }

    /// Puts every region's media into its test bucket; on CI (`CI=true`) a missing server fails the
    /// test, elsewhere the test is cancelled with a note.
    static func useS3(for configuration: inout ReelConfiguration, redirect: Bool = false) throws {
        for region in configuration.regions.regions {
            guard let s3 = Self.configuration(region: region.code, redirect: redirect) else {
                let note = "REEL_TEST_S3_ENDPOINT is not set, so media was not tested on S3: run `make test`, or start "
                    + "Tests/S3/start-seaweedfs.sh and export the variables it prints."
                if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record(Comment(rawValue: note)) }
                try Test.cancel(Comment(rawValue: note))
            }
            configuration.s3Media[region.code] = s3
        }
    }
}
