import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import ReelCore
import ReelMedia
@testable import ReelServer
import Testing

/// The whole path through the S3 engine: upload, transcode in scratch, put into the bucket, play
/// ranges proxied or through a presigned redirect, delete. Serialized: its apps share the test buckets.
@Suite("Media on S3 (SeaweedFS) over HTTP", .serialized)
struct S3MediaHTTPTests {
    /// Keys of every object of video `id` in its region's bucket.
    static func objectKeys(of id: ReelID, in reel: TestApp) async throws -> [String] {
        let store = try #require(try reel.app.stores.media.store(for: id) as? S3MediaStore)
        var keys: [String] = []
        for folder in ["uploads", "videos", "posters"] { keys += try await store.objectKeys(withPrefix: "\(folder)/\(id).") }
        return keys.sorted()
    }

    @Test("an upload is transcoded into the bucket, plays by byte range through the server, and deleting empties the bucket")
    func uploadPlayDelete() async throws {
        var s3 = ReelConfiguration()
        try S3TestServer.useS3(for: &s3)
        let reel = try await TestApp.make { $0.s3Media = s3.s3Media }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("s3maker", country: "DE")
            let source = try await TestMedia.clip(seconds: 1.5, width: 1080, height: 1920)
            defer { try? FileManager.default.removeItem(at: source) }
            let accepted = try await client.upload(source, as: user, caption: "On #S3")
            #expect(accepted.status == .accepted)
            let ready = try await client.waitUntilReady(try accepted.decode(VideoView.self).id, as: user)
            #expect(ready.status == .ready)
            let id = ready.id.description
            // Ready once 720p exists; 1080p follows, then the upload is deleted.
            let expected = ["posters/\(id).jpg", "videos/\(id).1080p.mp4", "videos/\(id).360p.mp4", "videos/\(id).540p.mp4", "videos/\(id).mp4"]
            let deadline = ContinuousClock.now + .seconds(60)
            var keys = try await Self.objectKeys(of: ready.id, in: reel)
            while keys != expected, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                keys = try await Self.objectKeys(of: ready.id, in: reel)
            }
            #expect(keys == expected, "renditions and poster are in the bucket and the upload is gone")
            // Residency: a German account's media is in the eu bucket only.
            #expect(reel.configuration.regions.region(of: ready.id)?.code == "eu")
            for region in ["us", "global"] as [RegionCode] {
                let other = try S3MediaStore(configuration: try #require(reel.configuration.s3Media[region]),
                                             scratchRoot: reel.directory.appendingPathComponent("residency-\(region)"))
                for folder in ["uploads", "videos", "posters"] {
                    #expect(try await other.objectKeys(withPrefix: "\(folder)/\(id).").isEmpty, "\(region) bucket holds \(folder) of an eu video")
                }
            }
            #expect(VideoHTTPTests.mediaFiles(reel).isEmpty, "nothing is left on local disk, not even in scratch")

            let whole = try await client.send(.get, "/v1/videos/\(ready.id)/media")
            #expect(whole.status == .ok)
            #expect(whole.headers[.contentType] == "video/mp4")
            let bytes = Data(whole.body.readableBytesView)
            #expect(whole.headers[.contentLength] == "\(bytes.count)")
            #expect(bytes.count > 10_000 && bytes[4..<8] == Data("ftyp".utf8))

            var range: HTTPFields = [.range: "bytes=100-1099"]
            let partial = try await client.send(.get, "/v1/videos/\(ready.id)/media", headers: range)
            #expect(partial.status == .partialContent)
            #expect(partial.headers[.contentRange] == "bytes 100-1099/\(bytes.count)")
            #expect(Data(partial.body.readableBytesView) == bytes[100...1099])
            range[.range] = "bytes=-10"
            #expect(Data(try await client.send(.get, "/v1/videos/\(ready.id)/media", headers: range).body.readableBytesView) == bytes.suffix(10))
            range[.range] = "bytes=\(bytes.count + 5)-"
            let outside = try await client.send(.get, "/v1/videos/\(ready.id)/media", headers: range)
            #expect(outside.status == .rangeNotSatisfiable)
            #expect(outside.headers[.contentRange] == "bytes */\(bytes.count)")

            let small = try await client.send(.get, "/v1/videos/\(ready.id)/media?rendition=360p")
            #expect(small.status == .ok && small.body.readableBytes < bytes.count)
            #expect(try await client.send(.get, "/v1/videos/\(ready.id)/media?rendition=4k").errorCode == "rendition_not_found")
            let poster = try await client.send(.get, "/v1/videos/\(ready.id)/poster")
            #expect(poster.headers[.contentType] == "image/jpeg")
            #expect(Array(poster.body.readableBytesView.prefix(2)) == [0xFF, 0xD8])

            #expect(try await client.send(.delete, "/v1/videos/\(ready.id)", headers: user.headers).status == .noContent)
            #expect(try await Self.objectKeys(of: ready.id, in: reel).isEmpty)
        }
    }

    @Test("with redirect on, media answers 302 to a presigned URL that serves ranges itself, and the CSP allows its origin")
    func redirectsToPresignedURL() async throws {
        var s3 = ReelConfiguration()
        try S3TestServer.useS3(for: &s3, redirect: true)
        let reel = try await TestApp.make { $0.s3Media = s3.s3Media }
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("s3redirect", country: "US")
            let ready = try await client.publishClip(as: user, caption: "redirected")
            let answer = try await client.send(.get, "/v1/videos/\(ready.id)/media")
            #expect(answer.status == .found)
            #expect(answer.headers[.cacheControl] == "private, no-store")
            let location = try #require(answer.headers[.location])
            let endpoint = try #require(S3TestServer.configuration(region: "us")?.endpoint.absoluteString)
            #expect(location.hasPrefix("\(endpoint)/\(S3TestServer.configuration(region: "us")!.bucket)/videos/\(ready.id).mp4?"))
            #expect(location.contains("X-Amz-Expires=300") && location.contains("X-Amz-Signature="))
            #expect(answer.headers[.contentSecurityPolicy]?.contains("media-src 'self' blob: \(endpoint)") == true)

            var request = HTTPClientRequest(url: location)
            request.headers.add(name: "Range", value: "bytes=0-99")
            let direct = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(direct.status.code == 206)
            let head = try await direct.body.collect(upTo: 1024)
            #expect(head.readableBytes == 100)
            #expect(try await client.send(.get, "/v1/videos/\(ready.id)/poster").status == .found)
            // Visibility is still checked before any redirect.
            let hidden = try await client.publishClip(as: user, visibility: "private")
            #expect(try await client.send(.get, "/v1/videos/\(hidden.id)/media").status == .notFound)
            #expect(try await client.send(.delete, "/v1/videos/\(ready.id)", headers: user.headers).status == .noContent)
            #expect(try await client.send(.delete, "/v1/videos/\(hidden.id)", headers: user.headers).status == .noContent)
        }
    }
}
