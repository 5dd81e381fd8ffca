import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ReelCore
import ReelMedia
@testable import ReelServer
import Testing

@Suite("Videos over HTTP: renditions")
struct RenditionHTTPTests {
    struct Rendition: Decodable, Equatable {
        var name: String
        var width: Int
        var height: Int
        var bitrate: Int
        var url: String
    }

    struct Renditions: Decodable {
        var mediaURL: String?
        var renditions: [Rendition]
    }

    @Test("a 720×1280 upload lists 360p, 540p and 720p; each is served with ranges; unknown names are 404; delete removes all")
    func ladderOverHTTP() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let tools = try FFmpegTools.locate()
        try await reel.test { client in
            let user = try await client.signUp("ladder")
            let source = try await TestMedia.clip(seconds: 1, width: 720, height: 1280)
            defer { try? FileManager.default.removeItem(at: source) }
            let accepted = try await client.upload(source, as: user, caption: "Ladder")
            let pending = try accepted.decode(Renditions.self)
            #expect(pending.renditions.isEmpty)
            let id = try accepted.decode(VideoView.self).id
            #expect(try await client.waitUntilReady(id, as: user).status == .ready)

            let video = try await client.send(.get, "/v1/videos/\(id)").decode(Renditions.self)
            #expect(video.renditions == [
                Rendition(name: "360p", width: 360, height: 640, bitrate: 800_000, url: "/v1/videos/\(id)/media?rendition=360p"),
                Rendition(name: "540p", width: 540, height: 960, bitrate: 1_400_000, url: "/v1/videos/\(id)/media?rendition=540p"),
                Rendition(name: "720p", width: 720, height: 1280, bitrate: 2_500_000, url: "/v1/videos/\(id)/media?rendition=720p"),
            ])
            #expect(video.mediaURL == "/v1/videos/\(id)/media")
            let defaultBytes = Data(try await client.send(.get, "/v1/videos/\(id)/media").body.readableBytesView)

            for rendition in video.renditions {
                let response = try await client.send(.get, rendition.url)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "video/mp4")
                let bytes = Data(response.body.readableBytesView)
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("rendition-\(UUID().uuidString).mp4")
                defer { try? FileManager.default.removeItem(at: file) }
                try bytes.write(to: file)
                let probe = try await MediaProbe(tools: tools).probe(fileAt: file)
                #expect(probe.video?.width == rendition.width && probe.video?.height == rendition.height)
                #expect(probe.video?.codec == "h264" && probe.audio?.codec == "aac")
                #expect((rendition.name == "720p") == (bytes == defaultBytes), "the default rendition is 720p")

                var range: HTTPFields = [:]
                range[.range] = "bytes=10-109"
                let partial = try await client.send(.get, rendition.url, headers: range)
                #expect(partial.status == .partialContent)
                #expect(partial.headers[.contentRange] == "bytes 10-109/\(bytes.count)")
                #expect(Data(partial.body.readableBytesView) == bytes[10...109])
            }

            let unknown = try await client.send(.get, "/v1/videos/\(id)/media?rendition=1080p")
            #expect(unknown.status == .notFound)
            let error = try unknown.decode(ErrorEnvelope.self)
            #expect(error.error.code == "rendition_not_found")
            #expect(error.error.message.first?.isUppercase == true)
            #expect(try await client.send(.get, "/v1/videos/\(id)/media?rendition=..%2F..%2Fx").status == .notFound)

            #expect(try await client.send(.delete, "/v1/videos/\(id)", headers: user.headers).status == .noContent)
        }
        #expect(VideoHTTPTests.mediaFiles(reel).isEmpty)
    }

    @Test("a 1080×1920 upload is ready with 360p–720p, then gains 1080p without the others changing")
    func largerRenditionFollows() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let tools = try FFmpegTools.locate()
        try await reel.test { client in
            let user = try await client.signUp("tall")
            let source = try await TestMedia.clip(seconds: 1, width: 1080, height: 1920)
            defer { try? FileManager.default.removeItem(at: source) }
            let id = try await client.upload(source, as: user, caption: "Tall #tall").decode(VideoView.self).id
            let ready = try await client.waitUntilReady(id, as: user)
            #expect(ready.status == .ready)
            let early = ready.renditions.map(\.name)
            #expect(early == ["360p", "540p", "720p"] || early == ["360p", "540p", "720p", "1080p"])

            let deadline = ContinuousClock.now + .seconds(60)
            var video = try await client.send(.get, "/v1/videos/\(id)").decode(Renditions.self)
            while video.renditions.count < 4, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                video = try await client.send(.get, "/v1/videos/\(id)").decode(Renditions.self)
            }
            #expect(video.renditions.map(\.name) == ["360p", "540p", "720p", "1080p"])
            #expect(Array(video.renditions.prefix(3)).map(\.url) == ready.renditions.map(\.url))
            let full = try await client.send(.get, "/v1/videos/\(id)").decode(VideoView.self)
            #expect(full.width == 1080 && full.height == 1920)
            // The public listing (another database, written just after) shows the same.
            var listed: [String] = []
            while listed.count < 4, ContinuousClock.now < deadline {
                listed = try await client.send(.get, "/v1/hashtags/tall/videos").decode(Page<VideoView>.self)
                    .items.first?.renditions.map(\.name) ?? []
                if listed.count < 4 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(listed == ["360p", "540p", "720p", "1080p"])

            let top = try await client.send(.get, "/v1/videos/\(id)/media?rendition=1080p")
            #expect(top.status == .ok)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("top-\(UUID().uuidString).mp4")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(top.body.readableBytesView).write(to: file)
            let probe = try await MediaProbe(tools: tools).probe(fileAt: file)
            #expect(probe.video?.width == 1080 && probe.video?.height == 1920)
        }
        #expect(VideoHTTPTests.mediaFiles(reel).count == 5, "four renditions and a poster; the upload is gone")
    }
}
