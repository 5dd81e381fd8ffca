import Foundation
import ReelMedia
import Testing

/// HDR inputs (iPhones record HLG by default) must come out as SDR BT.709 that looks like the
/// scene, not washed out, with explicit colour tags.
@Suite("Media: HDR tone mapping and colour tags")
struct ToneMappingTests {
    /// The same 1 s scene (`testsrc2`) as SDR BT.709, and converted to HDR with zimg: BT.2020
    /// primaries, HLG or PQ transfer, SDR white at 203 cd/m² (ITU-R BT.2408), HEVC Main10.
    private func makeScene(in directory: URL, transfer: String?) async throws -> URL {
        let name = transfer ?? "sdr"
        let url = directory.appendingPathComponent("\(name).mp4")
        let scene = ["-f", "lavfi", "-i", "testsrc2=size=320x568:rate=25", "-t", "1"]
        if let transfer {
            try await runFFmpeg(scene + [
                "-vf", "format=gbrpf32le,zscale=tin=bt709:pin=bt709:t=\(transfer):p=bt2020:m=bt2020nc:r=tv:npl=203,format=yuv420p10le",
                "-c:v", "libx265", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le",
                "-color_primaries", "bt2020", "-color_trc", transfer, "-colorspace", "bt2020nc", "-y", url.path,
            ])
        } else {
            try await runFFmpeg(scene + ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                                         "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-y", url.path])
        }
        return url
    }

    @Test("HLG and PQ HEVC Main10 come out 8-bit H.264 tagged BT.709, limited range", arguments: ["arib-std-b67", "smpte2084"])
    func toneMapped(transfer: String) async throws {
        try await withTemporaryDirectory { directory in
            let source = try await makeScene(in: directory, transfer: transfer)
            let input = try await videoStreamFields(of: source)
            #expect(input["profile"] == "Main 10" && input["color_transfer"] == transfer)
            let out = directory.appendingPathComponent("out", isDirectory: true)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let result = try await transcodeLadder(source, into: out)
            let fields = try await videoStreamFields(of: out.appendingPathComponent("\(result.renditions[0].name).mp4"))
            #expect(fields["codec_name"] == "h264" && fields["pix_fmt"] == "yuv420p")
            #expect(fields["color_primaries"] == "bt709" && fields["color_transfer"] == "bt709"
                    && fields["color_space"] == "bt709" && fields["color_range"] == "tv", "\(fields)")
        }
    }

    @Test("without zscale the fallback still gives tagged 8-bit BT.709, less flat than no conversion")
    func fallbackWithoutZscale() async throws {
        try await withTemporaryDirectory { directory in
            let source = try await makeScene(in: directory, transfer: "arib-std-b67")
            let stream = try #require(try await MediaProbe(tools: FFmpegTools.locate()).probe(fileAt: source).video)
            #expect(stream.colour.isHighDynamicRange && stream.colour.isWideGamut)
            let rendition = Rendition(name: "360p", width: 320, height: 568, bitrate: 800_000)
            var statistics: [Double] = []
            for graph in [LadderFilterGraph(stream: stream, renditions: [rendition], hasZscale: false).graph,
                          "[0:v:0]scale=320:568,format=yuv420p,setsar=1[v0]"] {
                let output = directory.appendingPathComponent("out-\(statistics.count).mp4")
                try await runFFmpeg(["-i", source.path, "-filter_complex", graph, "-map", "[v0]", "-c:v", "libx264",
                                     "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709",
                                     "-color_range", "tv", "-y", output.path])
                let fields = try await videoStreamFields(of: output)
                #expect(fields["pix_fmt"] == "yuv420p" && fields["color_primaries"] == "bt709")
                statistics.append(try await pictureStatistics(of: output).saturation)
            }
            #expect(statistics[0] > 1.2 * statistics[1], "fallback \(statistics[0]) vs unconverted \(statistics[1])")
        }
    }

    @Test("the poster of an HLG clip has the brightness and colour of the same scene in SDR, not washed out")
    func hlgPosterLooksLikeSDR() async throws {
        try await withTemporaryDirectory { directory in
            let transcoder = Transcoder(tools: try FFmpegTools.locate())
            var statistics: [(luma: Double, saturation: Double)] = []
            for transfer in [nil, "arib-std-b67"] {
                let source = try await makeScene(in: directory, transfer: transfer)
                let out = directory.appendingPathComponent("out-\(transfer ?? "sdr")", isDirectory: true)
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                let result = try await transcodeLadder(source, into: out)
                let poster = out.appendingPathComponent("poster.jpg")
                try await transcoder.poster(from: out.appendingPathComponent("\(result.renditions[0].name).mp4"), to: poster)
                statistics.append(try await pictureStatistics(of: poster))
            }
            let (sdr, hlg) = (statistics[0], statistics[1])
            // Without tone mapping the HLG poster keeps about 40 % of the saturation (and a lifted luma).
            #expect(abs(hlg.luma - sdr.luma) < 25, "luma SDR \(sdr.luma) vs HLG \(hlg.luma)")
            #expect(hlg.saturation > 0.75 * sdr.saturation && hlg.saturation < 1.25 * sdr.saturation,
                    "saturation SDR \(sdr.saturation) vs HLG \(hlg.saturation)")
        }
    }
}
