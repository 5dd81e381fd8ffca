import Foundation
import HTTPTypes
import HummingbirdTesting
import ReelCore
import NIOCore
import ReelMedia
@testable import ReelServer
import ReelStore
import Testing

@Suite("Videos over HTTP")
struct VideoHTTPTests {
    /// Files left in the media folders (uploads, videos, posters) of every region.
    static func mediaFiles(_ reel: TestApp) -> [String] {
        let enumerator = FileManager.default.enumerator(at: reel.directory, includingPropertiesForKeys: nil)
        var files: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.path.contains("/media/") else { continue }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url.lastPathComponent) }
        }
        return files
    }

    @Test("an uploaded clip becomes a ready H.264/AAC MP4 within 720×1280, served with ranges")
    func uploadTranscodeServe() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let tools = try FFmpegTools.locate()
        try await reel.test { client in
            let user = try await client.signUp("maker")
            let source = try await TestMedia.clip(seconds: 1.5, width: 1080, height: 1920)
            defer { try? FileManager.default.removeItem(at: source) }
            let accepted = try await client.upload(source, as: user, caption: "Hello #Cooking and #food!")
            #expect(accepted.status == .accepted)
            let pending = try accepted.decode(VideoView.self)
            #expect(pending.status == .processing)
            #expect(pending.hashtags == [Hashtag(display: "Cooking", key: "cooking"), Hashtag(display: "food", key: "food")])
            let ready = try await client.waitUntilReady(pending.id, as: user)
            #expect(ready.status == .ready)
            #expect(ready.mediaURL == "/v1/videos/\(ready.id)/media")

            let media = try await client.send(.get, "/v1/videos/\(ready.id)/media")
            #expect(media.status == .ok)
            #expect(media.headers[.contentType] == "video/mp4")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("served-\(UUID().uuidString).mp4")
            defer { try? FileManager.default.removeItem(at: file) }
            let bytes = Data(media.body.readableBytesView)
            try bytes.write(to: file)
            let probe = try await MediaProbe(tools: tools).probe(fileAt: file)
            #expect(probe.video?.codec == "h264")
            #expect(probe.audio?.codec == "aac")
            let video = try #require(probe.video)
            #expect(video.width <= 720 && video.height <= 1280)
            #expect(video.width == 720 && video.height == 1280)

            var range: HTTPFields = [:]
            range[.range] = "bytes=100-1099"
            let partial = try await client.send(.get, "/v1/videos/\(ready.id)/media", headers: range)
            #expect(partial.status == .partialContent)
            #expect(partial.headers[.contentRange] == "bytes 100-1099/\(bytes.count)")
            #expect(Data(partial.body.readableBytesView) == bytes[100...1099])
            range[.range] = "bytes=-10"
            let suffix = try await client.send(.get, "/v1/videos/\(ready.id)/media", headers: range)
            #expect(Data(suffix.body.readableBytesView) == bytes.suffix(10))
            range[.range] = "bytes=\(bytes.count + 5)-"
            let outside = try await client.send(.get, "/v1/videos/\(ready.id)/media", headers: range)
            #expect(outside.status == .rangeNotSatisfiable)
            #expect(outside.headers[.contentRange] == "bytes */\(bytes.count)")

            let poster = try await client.send(.get, "/v1/videos/\(ready.id)/poster")
            #expect(poster.status == .ok)
            #expect(poster.headers[.contentType] == "image/jpeg")
            #expect(Array(poster.body.readableBytesView.prefix(2)) == [0xFF, 0xD8])
        }
    }

    @Test("text, truncated MP4, audio-only, over-limit and wrong-type uploads are refused and leave nothing behind")
    func rejectedUploads() async throws {
        let reel = try await TestApp.make { $0.maxUploadBytes = 300_000 }
        defer { reel.cleanUp() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rejects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let text = scratch.appendingPathComponent("notes.mp4")
        try Data("this is not a video, just some text\n".utf8).write(to: text)
        let clip = try await TestMedia.clip(seconds: 2)
        defer { try? FileManager.default.removeItem(at: clip) }
        let whole = try Data(contentsOf: clip)
        let truncated = scratch.appendingPathComponent("truncated.mp4")
        try whole.prefix(whole.count * 3 / 10).write(to: truncated)
        let audio = scratch.appendingPathComponent("tone.m4a")
        try await TestMedia.generator.makeAudioOnly(at: audio, durationSeconds: 1)
        let big = scratch.appendingPathComponent("big.mp4")
        try Data(repeating: 7, count: 400_000).write(to: big)

        try await reel.test { client in
            let user = try await client.signUp("rejected")
            for (file, status, code) in [(text, HTTPResponse.Status.unprocessableContent, "not_a_video"),
                                         (truncated, .unprocessableContent, "not_a_video"),
                                         (audio, .unprocessableContent, "no_video_stream"),
                                         (big, .contentTooLarge, "upload_too_large")] {
                let response = try await client.upload(file, as: user, caption: "bad")
                #expect(response.status == status, "\(file.lastPathComponent): \(response.text)")
                #expect(response.errorCode == code, "\(file.lastPathComponent)")
            }
            let wrongType = try await client.upload(clip, as: user, contentType: "text/plain")
            #expect(wrongType.status == .unsupportedMediaType)
            let anonymous = try await client.execute(uri: "/v1/videos", method: .post, headers: [.contentType: "video/mp4"])
            #expect(anonymous.status == .unauthorized)
            let mine = try await client.send(.get, "/v1/users/rejected/videos", headers: user.headers).decode(Page<VideoView>.self)
            #expect(mine.items.isEmpty)
        }
        #expect(Self.mediaFiles(reel).isEmpty)
        for store in reel.app.stores.router.allStores { #expect(try await store.pendingJobs().isEmpty) }
    }

    @Test("a streamed upload over the limit without Content-Length is cut off with 413")
    func streamedOverLimit() async throws {
        let reel = try await TestApp.make { $0.maxUploadBytes = 50_000 }
        defer { reel.cleanUp() }
        let (account, _) = try await reel.app.accounts.signUp(.init(handle: "streamer", email: "s@example.com", password: "correct horse",
                                                                    country: "US", birthDate: "1990-01-01", displayName: nil))
        await #expect(throws: ReelError.self) {
            _ = try await reel.app.videos.upload(creator: account.id, caption: "", visibility: .public) { writer in
                for _ in 0..<10 { try writer.write([UInt8](repeating: 1, count: 10_000)) }
            }
        }
        #expect(Self.mediaFiles(reel).isEmpty)
    }

    @Test("visibility: private and followers-only videos are hidden from others; deleting removes media")
    func visibilityAndDelete() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let owner = try await client.signUp("owner")
            let fan = try await client.signUp("fan", country: "FR")
            let stranger = try await client.signUp("stranger", country: "JP")
            let secret = try await client.publishClip(as: owner, caption: "secret", visibility: "private")
            let friendsOnly = try await client.publishClip(as: owner, caption: "friends", visibility: "followers")
            #expect(try await client.send(.get, "/v1/videos/\(secret.id)", headers: owner.headers).status == .ok)
            #expect(try await client.send(.get, "/v1/videos/\(secret.id)", headers: fan.headers).status == .notFound)
            #expect(try await client.send(.get, "/v1/videos/\(secret.id)/media").status == .notFound)
            #expect(try await client.send(.get, "/v1/videos/\(friendsOnly.id)", headers: fan.headers).status == .notFound)
            let followed = try await client.send(.put, "/v1/users/owner/follow", headers: fan.headers)
            #expect(followed.status == .ok, "\(followed.text)")
            #expect(try await client.send(.get, "/v1/videos/\(friendsOnly.id)", headers: fan.headers).status == .ok)
            #expect(try await client.send(.get, "/v1/videos/\(friendsOnly.id)/media?access_token=\(fan.token)").status == .ok)
            #expect(try await client.send(.get, "/v1/videos/\(friendsOnly.id)", headers: stranger.headers).status == .notFound)
            // A query token is honoured on media routes only (it would otherwise leak into logs and links).
            #expect(try await client.send(.get, "/v1/videos/\(friendsOnly.id)?access_token=\(fan.token)").status == .notFound)

            let forbidden = try await client.send(.delete, "/v1/videos/\(friendsOnly.id)", headers: fan.headers)
            #expect(forbidden.status == .forbidden)
            #expect(try await client.send(.delete, "/v1/videos/\(friendsOnly.id)", headers: owner.headers).status == .noContent)
            #expect(try await client.send(.get, "/v1/videos/\(friendsOnly.id)", headers: owner.headers).status == .notFound)
            #expect(try await client.send(.get, "/v1/videos/0000000000000").status == .notFound)
            #expect(try await client.send(.get, "/v1/videos/not-an-id").status == .notFound)
        }
        let remaining = Self.mediaFiles(reel)
        #expect(remaining.count == 2)  // the private video's MP4 and poster
        #expect(remaining.allSatisfy { $0.hasPrefix(remaining[0].prefix(13)) })
    }
}
