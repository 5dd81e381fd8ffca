import ReelMedia
import Testing

@Suite("Media: the rendition ladder")
struct RenditionLadderTests {
    private func sizes(_ renditions: [Rendition]) -> [String] {
        renditions.map { "\($0.name) \($0.width)x\($0.height)" }
    }

    @Test("a 1080×1920 source gets all four rungs with their bit rates; 720p is the default")
    func fullLadder() {
        let renditions = RenditionLadder.renditions(topWidth: 1080, topHeight: 1920)
        #expect(sizes(renditions) == ["360p 360x640", "540p 540x960", "720p 720x1280", "1080p 1080x1920"])
        #expect(renditions.map(\.bitrate) == [800_000, 1_400_000, 2_500_000, 4_500_000])
        #expect(RenditionLadder.defaultRendition(of: renditions).name == "720p")
    }

    @Test("landscape sources fit the turned box; a 4K source is brought down to 1080p")
    func landscape() {
        let top = RenditionLadder.topSize(displayWidth: 3840, displayHeight: 2160)
        #expect(top.width == 1920 && top.height == 1080)
        #expect(sizes(RenditionLadder.renditions(topWidth: top.width, topHeight: top.height))
                == ["360p 640x360", "540p 960x540", "720p 1280x720", "1080p 1920x1080"])
    }

    @Test("never upscaled: small sources stop at their own size, and a tiny one is its only rendition")
    func neverUpscaled() {
        #expect(sizes(RenditionLadder.renditions(topWidth: 640, topHeight: 568))
                == ["360p 404x360", "540p 608x540", "720p 640x568"])
        let tiny = RenditionLadder.renditions(topWidth: 320, topHeight: 568)
        #expect(sizes(tiny) == ["360p 320x568"])
        #expect(RenditionLadder.defaultRendition(of: tiny).name == "360p")
    }
}

extension RenditionLadderTests {
    @Test("the ladder of the default size is exactly the start of the ladder of the top size", arguments: [
        (1080, 1920), (1920, 1080), (900, 1600), (1080, 2400), (1440, 1440), (1000, 1777), (640, 568), (333, 555),
    ])
    func defaultLadderIsPrefix(width: Int, height: Int) {
        let top = RenditionLadder.topSize(displayWidth: width, displayHeight: height)
        let full = RenditionLadder.renditions(topWidth: top.width, topHeight: top.height)
        let playable = RenditionLadder.defaultSize(topWidth: top.width, topHeight: top.height)
        let early = RenditionLadder.renditions(topWidth: playable.width, topHeight: playable.height)
        #expect(Array(full.prefix(early.count)) == early)
        #expect(RenditionLadder.defaultRendition(of: early) == RenditionLadder.defaultRendition(of: full))
        #expect(full.last?.width == top.width && full.last?.height == top.height)
    }
}
