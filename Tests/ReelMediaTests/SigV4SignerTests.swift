import Crypto
import Foundation
import ReelMedia
import Testing

/// Known-answer tests: every expected value below is published by AWS, none is produced by this
/// signer. A signer that only agrees with itself fails in production as an opaque 403.
///
/// Sources:
/// - the AWS SigV4 test suite (formerly in the AWS General Reference, "Signature Version 4 test
///   suite"; the files as kept in awslabs/aws-c-auth `tests/aws-signing-test-suite/v4/<name>/`:
///   `header-signature.txt`, `query-signature.txt`, `header-canonical-request.txt`), credentials
///   `AKIDEXAMPLE` / `wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY`, `us-east-1`, service `service`,
///   time 2015-08-30T12:36:00Z, presigned for 3600 s;
/// - AWS IAM user guide, "Examples of how to derive a signing key for Signature Version 4";
/// - Amazon S3 API reference, "Authenticating Requests: Using the Authorization Header" ("Example:
///   GET Object") and "Authenticating Requests: Using Query Parameters" (the presigned GET example).
@Suite("S3: SigV4 signing against AWS's published vectors")
struct SigV4SignerTests {
    static let suiteSigner = SigV4Signer(credentials: .init(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                         region: "us-east-1", service: "service")
    static let suiteTime = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var path: String
        var query: [(name: String, value: String)] = []
        var headers: [(name: String, value: String)] = []
        var headerSignature: String
        var querySignature: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(name: "get-vanilla", method: "GET", path: "/",
               headerSignature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
               querySignature: "e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d"),
        Vector(name: "get-vanilla-query-order-key-case", method: "GET", path: "/",
               query: [(name: "Param2", value: "value2"), (name: "Param1", value: "value1")],
               headerSignature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
               querySignature: "86012e2c9ad4d77369f5d81c11f75158aae4f895a085212cc6d3f923d300bed5"),
        Vector(name: "post-vanilla", method: "POST", path: "/",
               headerSignature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
               querySignature: "2ce6e6d2e0cf2f9d1b55fafec88cd20574c31dc2e7631979f71ba2310083e95b"),
        Vector(name: "get-vanilla-query-unreserved", method: "GET", path: "/",
               query: [(name: "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                        value: "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")],
               headerSignature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197",
               querySignature: "8e76a88a7433637b12778d5592799b29ad21ecd6cf6325051c21d86f0acda2bf"),
        Vector(name: "get-utf8", method: "GET", path: "/\u{1234}",
               headerSignature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85",
               querySignature: "10eae3f14a260bd3911cc6d008d3c576d143b05b62f09782a7a4b37f52178e44"),
        Vector(name: "get-vanilla-utf8-query", method: "GET", path: "/", query: [(name: "\u{1234}", value: "bar")],
               headerSignature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04",
               querySignature: "0bdd809b1519ac4f0c1dc3540e2cc46bd0c7f778eda408b2ebf3b913d21ff600"),
        Vector(name: "get-header-value-trim", method: "GET", path: "/",
               headers: [(name: "My-Header1", value: " value1"), (name: "My-Header2", value: " \"a   b   c\"")],
               headerSignature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
               querySignature: "e7bb0fd515e125e1aec2ecc4c0c17484fb06f6846b927c35e46005dd3df3acd4"),
    ]

    static func request(_ vector: Vector) -> SigV4Signer.Request {
        SigV4Signer.Request(method: vector.method, path: vector.path, query: vector.query,
                            headers: [(name: "Host", value: "example.amazonaws.com")] + vector.headers,
                            payloadHash: SigV4Signer.emptyPayloadHash)
    }

    @Test("header authentication matches the test suite's signature", arguments: vectors)
    func headerSignature(vector: Vector) throws {
        let added = Self.suiteSigner.signedHeaders(for: Self.request(vector), at: Self.suiteTime)
        #expect(added.first { $0.name == "X-Amz-Date" }?.value == "20150830T123600Z")
        let authorization = try #require(added.first { $0.name == "Authorization" }?.value)
        let signed = (["host"] + vector.headers.map { $0.name.lowercased() } + ["x-amz-date"]).sorted().joined(separator: ";")
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=\(signed), Signature=\(vector.headerSignature)")
    }

    @Test("query authentication (presigning) matches the test suite's signature", arguments: vectors)
    func querySignature(vector: Vector) {
        let query = Self.suiteSigner.presignedQuery(for: Self.request(vector), at: Self.suiteTime, expires: 3600)
        #expect(query.hasSuffix("&X-Amz-Signature=\(vector.querySignature)"), "\(query)")
        #expect(query.contains("X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600"))
    }

    @Test("the canonical request is the test suite's, byte for byte")
    func canonicalRequest() {
        var request = Self.request(Self.vectors[1])
        request.headers.append((name: "X-Amz-Date", value: "20150830T123600Z"))
        #expect(Self.suiteSigner.canonicalRequest(request) == """
            GET
            /
            Param1=value1&Param2=value2
            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
    }

    @Test("the signing key is the one AWS derives in its example")
    func signingKey() {
        let key = SigV4Signer.signingKey(secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", day: "20120215", region: "us-east-1", service: "iam")
        let hex = key.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        #expect(hex == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    static let s3Signer = SigV4Signer(credentials: .init(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                                      region: "us-east-1", service: "s3")
    static let s3Time = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

    @Test("S3's GET Object example (Range, x-amz-content-sha256) gets AWS's published signature")
    func s3GetObject() throws {
        let request = SigV4Signer.Request(method: "GET", path: "/test.txt", headers: [
            (name: "Host", value: "examplebucket.s3.amazonaws.com"), (name: "Range", value: "bytes=0-9"),
            (name: "x-amz-content-sha256", value: SigV4Signer.emptyPayloadHash),
        ], payloadHash: SigV4Signer.emptyPayloadHash)
        let authorization = try #require(Self.s3Signer.signedHeaders(for: request, at: Self.s3Time).first { $0.name == "Authorization" }?.value)
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test("S3's presigned GET example (X-Amz-Expires 86400, UNSIGNED-PAYLOAD) gets AWS's published URL")
    func s3Presigned() {
        let request = SigV4Signer.Request(method: "GET", path: "/test.txt", headers: [(name: "Host", value: "examplebucket.s3.amazonaws.com")],
                                          payloadHash: SigV4Signer.unsignedPayload)
        #expect(Self.s3Signer.presignedQuery(for: request, at: Self.s3Time, expires: 86_400) == "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
            + "&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test("credentials never show their secret when printed")
    func redactsSecret() {
        let configuration = S3Configuration(endpoint: URL(string: "http://127.0.0.1:9000")!, bucket: "reel-eu",
                                            accessKeyID: "AKID", secretAccessKey: "very-secret-value")
        for text in ["\(configuration)", String(reflecting: configuration), "\(Self.s3Signer.credentials)"] {
            #expect(!text.contains("very-secret-value") && !text.contains("wJalrXUtnFEMI"), "\(text)")
        }
    }
}
