import Foundation
@testable import ReelRank
import Testing

/// The dot-product and saxpy kernels behind HNSW, exact search and ALS: each implementation this
/// CPU can run agrees with a plain scalar loop in double precision on every length from 1 to 130
/// (whole SIMD blocks, partial blocks and the scalar tail), and the run-time dispatch picks the
/// AVX2 + FMA kernels exactly when the CPU reports both extensions.
@Suite("Vector kernels")
struct VectorKernelTests {
    /// The kernels this CPU can run: always the baseline, and AVX2 + FMA when it was selected.
    static var runnable: [VectorMath.Kernel] {
        VectorMath.Kernel.selected == .avx2FMA ? [.baseline, .avx2FMA] : [.baseline]
    }

    static func values(_ count: Int, _ rng: inout SeededGenerator) -> [Float] {
        (0 ..< count).map { _ in Float(Int64(rng.next() % 20001) - 10000) / 1000 }
    }

    @Test("every runnable dot-product kernel matches a scalar loop on lengths 1…130")
    func dotMatchesScalar() {
        var rng = SeededGenerator(seed: 5)
        for kernel in Self.runnable {
            for n in 1 ... 130 {
                // One float past the end of each vector, so a kernel reading too far would change the sum.
                let a = Self.values(n + 1, &rng), b = Self.values(n + 1, &rng)
                var exact = 0.0, magnitude = 0.0
                for i in 0 ..< n {
                    exact += Double(a[i]) * Double(b[i])
                    magnitude += abs(Double(a[i]) * Double(b[i]))
                }
                let got = a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in VectorMath.dot(pa.baseAddress!, pb.baseAddress!, n, using: kernel) }
                }
                // Float summation error bound: n × ε × Σ|aᵢbᵢ| (Higham, Accuracy and Stability, §3.1).
                let bound = Double(n) * Double(Float.ulpOfOne) * magnitude
                #expect(abs(Double(got) - exact) <= bound, "\(kernel) n=\(n): \(got) against \(exact)")
            }
        }
    }

    @Test("every runnable saxpy kernel matches a scalar loop on lengths 1…130 and writes nothing past n")
    func axpyMatchesScalar() {
        var rng = SeededGenerator(seed: 6)
        for kernel in Self.runnable {
            for n in 1 ... 130 {
                let x = Self.values(n + 1, &rng), y0 = Self.values(n + 1, &rng)
                let alpha = Float(Int64(rng.next() % 2001) - 1000) / 100
                var y = y0
                x.withUnsafeBufferPointer { px in
                    y.withUnsafeMutableBufferPointer { py in VectorMath.axpy(alpha, px.baseAddress!, py.baseAddress!, n, using: kernel) }
                }
                for i in 0 ..< n {
                    let exact = Double(y0[i]) + Double(alpha) * Double(x[i])
                    let bound = 2 * Double(Float.ulpOfOne) * (abs(Double(y0[i])) + abs(Double(alpha) * Double(x[i])))
                    #expect(abs(Double(y[i]) - exact) <= bound, "\(kernel) n=\(n) i=\(i): \(y[i]) against \(exact)")
                }
                #expect(y[n] == y0[n], "\(kernel) n=\(n) wrote past the end")
            }
        }
    }

    @Test("the dispatch picks AVX2 + FMA exactly when the CPU reports both (unless REEL_VECTOR_KERNELS=baseline)")
    func dispatchFollowsTheCPU() throws {
        #if arch(x86_64) && os(Linux)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ")) } ?? []
        let forced = ProcessInfo.processInfo.environment["REEL_VECTOR_KERNELS"] == "baseline"
        let expected: VectorMath.Kernel = flags.contains("avx2") && flags.contains("fma") && !forced ? .avx2FMA : .baseline
        #expect(VectorMath.Kernel.selected == expected, "flags say \(expected)")
        #elseif arch(x86_64)
        #expect([VectorMath.Kernel.baseline, .avx2FMA].contains(VectorMath.Kernel.selected))
        #else
        #expect(VectorMath.Kernel.selected == .baseline)
        #endif
    }
}
