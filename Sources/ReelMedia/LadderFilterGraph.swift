/// The ffmpeg `-filter_complex` graph that turns one decoded source into every rendition of the
/// ladder: colour conversion once at the top size, then `split` into one scaled branch per rendition,
/// so the source is decoded and converted once however many renditions there are.
///
/// Rotation is not in the graph: ffmpeg applies the display matrix (`autorotate`) before the
/// first filter. Every branch ends with square pixels (`setsar=1`) in 8-bit 4:2:0 BT.709,
/// limited range, whatever the source was:
/// - HLG (ARIB STD-B67) and PQ (SMPTE ST 2084) sources are tone-mapped with zimg (`zscale` to
///   linear light, BT.2020 → BT.709 primaries, `tonemap=mobius`, which keeps the SDR range
///   linear and compresses highlights, then BT.709 transfer). Reference white is 203 cd/m²
///   (ITU-R BT.2408). Without `zscale` (ffmpeg built without zimg) the `colorspace` filter
///   converts primaries and matrix but cannot undo the HLG/PQ transfer: colours are right but
///   flatter (about half the saturation of the SDR original in the tests' scene). Debian's
///   ffmpeg has `zscale`.
/// - Other BT.2020 sources are converted to BT.709 without tone mapping.
/// - SDR sources get their matrix converted to BT.709; untagged ones are taken as BT.601 below
///   720 lines and BT.709 from 720 lines up, as players do.
package struct LadderFilterGraph: Sendable, Equatable {
    /// The graph text for `-filter_complex`.
    package var graph: String
    /// Output pad labels, one per rendition in the order given, e.g. `[v0]`.
    package var outputs: [String]

    /// Builds the graph for `stream` (input 0's first video stream) producing `renditions`, the
    /// largest of which is the top size the colour chain scales to.
    /// - Parameter hasZscale: whether this ffmpeg has the `zscale` filter (zimg).
    package init(stream: ProbeResult.VideoStream, renditions: [Rendition], hasZscale: Bool) {
        let top = renditions.max { $0.width * $0.height < $1.width * $1.height } ?? Rendition(name: "", width: 2, height: 2, bitrate: 0)
        let chain = Self.colourChain(stream: stream, width: top.width, height: top.height, hasZscale: hasZscale)
        outputs = renditions.indices.map { "[v\($0)]" }
        guard renditions.count > 1 else {
            graph = "[0:v:0]\(chain),setsar=1\(outputs[0])"
            return
        }
        let branches = renditions.indices.map { "[s\($0)]" }
        var parts = ["[0:v:0]\(chain),split=\(renditions.count)\(branches.joined())"]
        for (index, rendition) in renditions.enumerated() {
            let scale = rendition == top ? "" : "scale=\(rendition.width):\(rendition.height),"
            parts.append("\(branches[index])\(scale)setsar=1\(outputs[index])")
        }
        graph = parts.joined(separator: ";")
    }

    /// Filters that bring the source to `width`×`height`, SDR BT.709 limited range, `yuv420p`.
    static func colourChain(stream: ProbeResult.VideoStream, width: Int, height: Int, hasZscale: Bool) -> String {
        let colour = stream.colour
        let toBT709 = "zscale=t=bt709:m=bt709:r=tv,format=yuv420p"
        if colour.isHighDynamicRange || colour.isWideGamut {
            guard hasZscale else {
                return "scale=\(width):\(height),colorspace=all=bt709:iall=bt2020:itrc=bt2020-10:range=tv:format=yuv420p"
            }
            guard colour.isHighDynamicRange else {
                return "zscale=w=\(width):h=\(height):p=bt709:\(toBT709.dropFirst("zscale=".count))"
            }
            return "zscale=w=\(width):h=\(height):t=linear:npl=203,format=gbrpf32le,zscale=p=bt709,"
                + "tonemap=tonemap=mobius:desat=0,\(toBT709)"
        }
        let matrix = swscaleMatrix(colour.matrix) ?? (min(stream.displayWidth, stream.displayHeight) >= 720 ? "bt709" : "bt601")
        return "scale=\(width):\(height):in_color_matrix=\(matrix):out_color_matrix=bt709:out_range=tv,format=yuv420p"
    }

    /// swscale's name for an ffprobe matrix name, or `nil` when it has none.
    private static func swscaleMatrix(_ name: String?) -> String? {
        switch name {
        case "bt709": "bt709"
        case "smpte170m": "smpte170m"
        case "bt470bg": "bt470"
        case "fcc": "fcc"
        case "smpte240m": "smpte240m"
        case "bt2020nc", "bt2020c": "bt2020"
        default: nil
        }
    }
}
