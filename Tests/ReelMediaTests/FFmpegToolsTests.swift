import Foundation
import ReelMedia
import Testing

@Suite("Media: running ffmpeg and ffprobe")
struct FFmpegToolsTests {
    @Test("filter detection finds filters this ffmpeg has and no others")
    func filterDetection() async throws {
        let tools = try FFmpegTools.locate()
        #expect(await tools.hasFilter("scale"))
        #expect(await tools.hasFilter("split"))
        #expect(!(await tools.hasFilter("no_such_filter")))
        #expect(!(await tools.hasFilter("scal")))
    }

    @Test("locating honours REEL_FFMPEG and fails clearly when a tool is missing")
    func locating() throws {
        let found = try FFmpegTools.locate()
        let overridden = try FFmpegTools.locate(environment: [
            "REEL_FFMPEG": found.ffmpegURL.path, "REEL_FFPROBE": found.ffprobeURL.path, "PATH": "/nonexistent",
        ])
        #expect(overridden.ffmpegURL == found.ffmpegURL)
        #expect(throws: MediaError.toolNotFound(tool: "ffmpeg")) {
            try FFmpegTools.locate(environment: ["PATH": "/nonexistent"])
        }
        #expect(throws: MediaError.toolNotFound(tool: "ffprobe")) {
            try FFmpegTools.locate(environment: ["REEL_FFPROBE": "/nonexistent/ffprobe", "PATH": found.ffmpegURL.deletingLastPathComponent().path])
        }
    }

    @Test("output larger than a pipe buffer does not deadlock; stdout is capped")
    func largeOutput() async throws {
        let tools = try FFmpegTools.locate()
        // 50 raw RGB frames of 320×240 are 11.5 MB, far above the 64 KB a pipe holds.
        let output = try await tools.ffmpeg([
            "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
        ], timeout: .seconds(180))  // A hang guard: a deadlock never ends; a loaded machine may take a minute.
        #expect(output.succeeded)
        #expect(output.standardOutput.count == 8 << 20)
    }

    @Test("a non-zero exit is reported with its stderr")
    func failure() async throws {
        let tools = try FFmpegTools.locate()
        let output = try await tools.ffprobe(["-v", "error", "/nonexistent/file.mp4"], timeout: .seconds(30))
        #expect(!output.succeeded)
        let error = #expect(throws: MediaError.self) { try output.requireSuccess() }
        guard case .toolFailed(let tool, _, let tail)? = error else {
            Issue.record("expected toolFailed, got \(String(describing: error))")
            return
        }
        #expect(tool == "ffprobe")
        #expect(tail.contains("No such file"))
    }

    @Test("a process that outlives its timeout is terminated")
    func timeout() async throws {
        let tools = try FFmpegTools.locate()
        let started = ContinuousClock.now
        // "-re" paces an endless source in real time, so this never ends on its own.
        await #expect(throws: MediaError.timedOut(tool: "ffmpeg", seconds: 0.5)) {
            try await tools.ffmpeg([
                "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=64x64:rate=25", "-f", "null", "-",
            ], timeout: .milliseconds(500))
        }
        // The source is endless, so finishing at all proves the kill; the bound only keeps the
        // suite from waiting forever if it regressed (very generous: the whole suite shares two
        // cores, and a loaded machine has been seen to take almost a minute to start a process).
        #expect(ContinuousClock.now - started < .seconds(180))
    }

    @Test("cancelling the task terminates the running process")
    func cancellation() async throws {
        try await withTemporaryDirectory { directory in
            let tools = try FFmpegTools.locate()
            let output = directory.appendingPathComponent("endless.nut")
            let started = ContinuousClock.now
            let run = Task {
                try await tools.ffmpeg([
                    "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=64x64:rate=25",
                    "-f", "nut", output.path,
                ], timeout: .seconds(120))
            }
            // ffmpeg creates its output file once it runs; wait for that so cancellation hits a live process.
            while !FileManager.default.fileExists(atPath: output.path) {
                try #require(ContinuousClock.now - started < .seconds(180), "ffmpeg never started")
                try await Task.sleep(for: .milliseconds(20))
            }
            let cancelled = ContinuousClock.now
            run.cancel()
            await #expect(throws: CancellationError.self) { try await run.value }
            #expect(ContinuousClock.now - cancelled < .seconds(120))
        }
    }
}
