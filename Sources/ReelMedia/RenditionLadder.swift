/// The bit-rate ladder every video is transcoded into: 360p, 540p, 720p and 1080p H.264/AAC MP4s,
/// only as far up as the source goes (never upscaled).
///
/// A rung's box is `short × long` pixels (e.g. 720×1280), turned to the source's orientation; a
/// landscape 1920×1080 source fits its 720p box as 1280×720. The top rendition is the source's
/// display size fitted into the 1080p box; every lower rung is that top size fitted into the
/// rung's box, and a rung is kept only when it is larger than the one below. Because the list
/// depends on the top size alone, the server stores just that size and derives the list.
/// Bit rates follow common short-video ladders (progressive MP4, not HLS).
public enum RenditionLadder {
    /// One rung of the ladder.
    public struct Rung: Sendable, Equatable {
        /// Name, e.g. `720p`.
        public var name: String
        /// Short side of the box in pixels.
        public var shortSide: Int
        /// Long side of the box in pixels (16:9 of the short side).
        public var longSide: Int
        /// Cap of the video bit rate in bits per second (`-maxrate`; the buffer is twice that).
        public var videoBitrate: Int
        /// libx264 preset: the two large rungs use a faster one so a 60 s 1080p clip is ready in
        /// under a minute on two cores (see BENCHMARKS.md).
        public var preset: String
    }

    /// Audio bit rate of every rendition in bits per second (AAC stereo).
    public static let audioBitrate = 128_000

    /// The rungs, smallest first.
    public static let rungs: [Rung] = [
        Rung(name: "360p", shortSide: 360, longSide: 640, videoBitrate: 672_000, preset: "veryfast"),
        Rung(name: "540p", shortSide: 540, longSide: 960, videoBitrate: 1_272_000, preset: "veryfast"),
        Rung(name: "720p", shortSide: 720, longSide: 1280, videoBitrate: 2_372_000, preset: "superfast"),
        Rung(name: "1080p", shortSide: 1080, longSide: 1920, videoBitrate: 4_372_000, preset: "superfast"),
    ]

    /// Name of the rung served when a client asks for no rendition: the largest at or below it.
    public static let defaultRungName = "720p"

    /// The top rendition's size for a source displayed at `displayWidth`×`displayHeight` (after
    /// rotation and sample aspect ratio): fitted into the largest box, even, never upscaled.
    public static func topSize(displayWidth: Int, displayHeight: Int) -> (width: Int, height: Int) {
        fit(width: displayWidth, height: displayHeight, into: rungs[rungs.count - 1])
    }

    /// The renditions of a video whose top rendition is `topWidth`×`topHeight`, ascending by size.
    ///
    /// Never empty: the smallest rung is always present, at the top size if that is smaller still.
    /// Rungs up to the default one are fitted from the default rung's size, the ones above from the
    /// top size, so the list for the default size is exactly the start of the list for the top
    /// size: a video can be ready with the default rendition (stored size = default size) and
    /// gain the larger ones later (stored size = top size) without the smaller ones changing.
    /// O(number of rungs).
    public static func renditions(topWidth: Int, topHeight: Int) -> [Rendition] {
        let defaultIndex = rungs.firstIndex { $0.name == defaultRungName } ?? 0
        let playable = fit(width: topWidth, height: topHeight, into: rungs[defaultIndex])
        var result: [Rendition] = []
        for (index, rung) in rungs.enumerated() {
            let size = index <= defaultIndex
                ? fit(width: playable.width, height: playable.height, into: rung)
                : fit(width: topWidth, height: topHeight, into: rung)
            if let previous = result.last, size.width * size.height <= previous.width * previous.height { continue }
            result.append(Rendition(name: rung.name, width: size.width, height: size.height,
                                    bitrate: rung.videoBitrate + audioBitrate))
        }
        return result
    }

    /// The rendition served by default: the largest one no bigger than the ``defaultRungName`` rung.
    /// - Precondition: `renditions` came from ``renditions(topWidth:topHeight:)`` (never empty).
    public static func defaultRendition(of renditions: [Rendition]) -> Rendition {
        let limit = rungs.firstIndex { $0.name == defaultRungName } ?? 0
        return renditions.last { rendition in
            (rungs.firstIndex { $0.name == rendition.name } ?? Int.max) <= limit
        } ?? renditions[0]
    }

    /// The size of the default rendition of a video whose top rendition is `topWidth`×`topHeight`.
    public static func defaultSize(topWidth: Int, topHeight: Int) -> (width: Int, height: Int) {
        let rung = rungs.first { $0.name == defaultRungName } ?? rungs[0]
        return fit(width: topWidth, height: topHeight, into: rung)
    }

    /// The rung named `name`, or `nil`.
    public static func rung(named name: String) -> Rung? {
        rungs.first { $0.name == name }
    }

    private static func fit(width: Int, height: Int, into rung: Rung) -> (width: Int, height: Int) {
        let isPortrait = height >= width
        return Transcoder.fittedSize(
            width: width, height: height,
            maxWidth: isPortrait ? rung.shortSide : rung.longSide, maxHeight: isPortrait ? rung.longSide : rung.shortSide
        )
    }
}
