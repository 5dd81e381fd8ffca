import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ReelCore
@testable import ReelServer
import Testing

/// What people type reaches the server intact: captions by form and by query, long emoji captions,
/// hashtags in every script, and clear errors for malformed forms.
@Suite("Captions and hashtags over HTTP")
struct CaptionHTTPTests {
    @Test("a form upload keeps the caption's spaces and its visibility field")
    func formCaption() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        try await reel.test { client in
            let user = try await client.signUp("former")
            let response = try await client.uploadForm(clip, as: user, caption: "My first clip\r\nwith 1+1=2", visibility: "followers")
            #expect(response.status == .accepted, "\(response.text)")
            let video = try response.decode(VideoView.self)
            #expect(video.caption == "My first clip\nwith 1+1=2")
            #expect(video.visibility == .followers)
            let stored = try await client.send(.get, "/v1/videos/\(video.id)", headers: user.headers).decode(VideoView.self)
            #expect(stored.caption == "My first clip\nwith 1+1=2")
        }
    }

    @Test("a raw upload's query is decoded as browsers encode forms: + is a space, %2B a plus", arguments: [
        ("caption=My+first+clip", "My first clip"),
        ("caption=1%2B1%3D2+%23math", "1+1=2 #math"),
        ("caption=caf%C3%A9%20au+lait&visibility=public", "café au lait"),
        ("caption=100%+sure", "100% sure"),
    ] as [(String, String)])
    func queryCaption(_ query: String, _ expected: String) async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        try await reel.test { client in
            let user = try await client.signUp("querier")
            let response = try await client.uploadRaw(clip, as: user, uri: "/v1/videos?\(query)")
            #expect(response.status == .accepted, "\(response.text)")
            #expect(try response.decode(VideoView.self).caption == expected)
        }
    }

    @Test("a caption of 2,200 emoji (one grapheme each, several code units) is stored intact; 2,201 is refused with JSON")
    func emojiCaption() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let emoji = ["👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️", "🎉"]
        let caption = (0..<Video.maxCaptionLength).map { emoji[$0 % emoji.count] }.joined()
        #expect(caption.count == 2200)
        #expect(caption.utf16.count > 4400, "far more UTF-16 units than characters")
        try await reel.test { client in
            let user = try await client.signUp("emojier")
            let accepted = try await client.uploadForm(clip, as: user, caption: caption)
            #expect(accepted.status == .accepted, "\(accepted.text.prefix(300))")
            let video = try accepted.decode(VideoView.self)
            #expect(video.caption == caption)
            let stored = try await client.send(.get, "/v1/videos/\(video.id)", headers: user.headers).decode(VideoView.self)
            #expect(stored.caption == caption)

            let refused = try await client.uploadForm(clip, as: user, caption: caption + "🎉")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorCode == "invalid_caption")
        }
    }

    @Test("malformed forms get a clear 400 and leave no file behind")
    func malformedForms() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        let clip = try await TestMedia.clip()
        defer { try? FileManager.default.removeItem(at: clip) }
        let data = try Data(contentsOf: clip)
        try await reel.test { client in
            let user = try await client.signUp("breaker")

            var noFile = MultipartBody()
            noFile.field("caption", "where is the file")
            noFile.close()
            let missing = try await client.post(noFile, as: user)
            #expect(missing.status == .badRequest)
            #expect(missing.errorCode == "missing_file")

            var wrongName = MultipartBody()
            wrongName.file("video", data: data)
            wrongName.close()
            #expect(try await client.post(wrongName, as: user).errorCode == "missing_file")

            var complete = MultipartBody()
            complete.field("caption", "cut short")
            complete.file(data: data)
            complete.close()
            for contentType in ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\(String(repeating: "x", count: 71))",
                                "multipart/form-data; boundary=bad<boundary>"] {
                let response = try await client.post(complete, as: user, contentType: contentType)
                #expect(response.status == .badRequest, "\(contentType)")
                #expect(response.errorCode == "invalid_multipart", "\(contentType)")
            }

            var truncated = complete
            truncated.bytes = Array(complete.bytes.prefix(complete.bytes.count - data.count / 2))
            let cut = try await client.post(truncated, as: user)
            #expect(cut.status == .badRequest)
            #expect(cut.errorCode == "invalid_multipart")

            var garbled = MultipartBody()
            garbled.bytes = Array("--\(garbled.boundary)\r\nthis is no header\r\n\r\nvalue\r\n--\(garbled.boundary)--\r\n".utf8)
            #expect(try await client.post(garbled, as: user).errorCode == "invalid_multipart")

            #expect(VideoHTTPTests.mediaFiles(reel).isEmpty, "\(VideoHTTPTests.mediaFiles(reel))")
        }
    }

    @Test("video JSON lists hashtags as {display, key}, and every script's tag page finds the video")
    func hashtagsInEveryScript() async throws {
        let reel = try await TestApp.make()
        defer { reel.cleanUp() }
        try await reel.test { client in
            let user = try await client.signUp("polyglot")
            let persian = "نرم\u{200C}افزار"
            let video = try await client.publishClip(as: user, caption: "#नमस्ते #\(persian) #Café #ＲＥＥＬ #re\u{200D}el")
            #expect(video.hashtags == [Hashtag(display: "नमस्ते", key: "नमस्ते"), Hashtag(display: persian, key: persian),
                                       Hashtag(display: "Café", key: "café"), Hashtag(display: "ＲＥＥＬ", key: "reel")])
            let json = try await client.send(.get, "/v1/videos/\(video.id)").text
            #expect(json.contains(#""display":"Café""#) && json.contains(#""key":"café""#), "\(json)")
            for tag in ["नमस्ते", persian, "café", "cafe\u{301}", "CAFÉ", "%23reel", "ＲＥＥＬ"] {
                let path = tag.hasPrefix("%") ? tag : tag.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let page = try await client.send(.get, "/v1/hashtags/\(path)/videos").decode(Page<VideoView>.self)
                #expect(page.items.map(\.id) == [video.id], "tag \(tag)")
            }
            #expect(try await client.send(.get, "/v1/hashtags/%D9%86%D8%B1%D9%85/videos").decode(Page<VideoView>.self).items.isEmpty,
                    "a cut-off Persian tag is a different tag")
        }
    }
}
