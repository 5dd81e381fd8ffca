import CReelKernels

/// Row-major matrix of `Float` vectors in one flat array (struct-of-arrays layout for embeddings).
public struct EmbeddingMatrix: Sendable, Hashable {
    /// Vector length.
    public let dimension: Int
    /// `rows × dimension` values, row after row.
    public internal(set) var values: [Float]

    /// Number of vectors.
    public var rows: Int { values.count / dimension }

    /// Creates `rows` zero vectors of length `dimension`.
    public init(rows: Int, dimension: Int) {
        precondition(dimension > 0)
        self.dimension = dimension
        self.values = [Float](repeating: 0, count: rows * dimension)
    }

    /// Wraps existing flat values; `values.count` must be a multiple of `dimension`.
    public init(dimension: Int, values: [Float]) {
        precondition(dimension > 0 && values.count % dimension == 0)
        self.dimension = dimension
        self.values = values
    }

    /// Appends zero rows until there are at least `count`.
    mutating func grow(to count: Int) {
        if count > rows { values.append(contentsOf: repeatElement(0, count: (count - rows) * dimension)) }
    }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Float] { Array(values[i * dimension ..< (i + 1) * dimension]) }

    /// Overwrites row `i`.
    mutating func setRow(_ i: Int, _ v: [Float]) {
        let base = i * dimension
        for d in 0 ..< dimension { values[base + d] = v[d] }
    }

    /// Whether row `i` is all zeros (an item or user that has not been trained yet).
    func isZero(_ i: Int) -> Bool {
        let base = i * dimension
        for d in 0 ..< dimension where values[base + d] != 0 { return false }
        return true
    }

    /// Dot product of row `i` with `query`.
    /// - Complexity: O(dimension), vectorised 8 lanes at a time.
    @inline(__always)
    public func dot(row i: Int, _ query: UnsafeBufferPointer<Float>) -> Float {
        values.withUnsafeBufferPointer { buffer in
            VectorMath.dot(buffer.baseAddress! + i * dimension, query.baseAddress!, dimension)
        }
    }
}

/// SIMD kernels shared by ALS, HNSW and exact search, in two implementations chosen at run time:
/// Swift SIMD compiled for the platform's baseline (SSE2 on x86-64, NEON on arm64), and AVX2 + FMA
/// kernels from the C target `CReelKernels` on x86-64 CPUs that have them (Swift cannot compile
/// one function for a wider target than the module). Both give the same results within float
/// rounding; `VectorKernelTests` checks each against a scalar loop.
enum VectorMath {
    /// An implementation of the kernels.
    enum Kernel: Sendable, Equatable {
        /// Swift `SIMD8<Float>`, lowered to two 4-lane SSE2 (or NEON) operations per step, no FMA.
        case baseline
        /// 8-lane AVX2 with fused multiply-add (`reel_dot_avx2_fma`, `reel_axpy_avx2_fma`).
        case avx2FMA

        /// The implementation this process uses: AVX2 + FMA when the CPU and OS support both
        /// (detected once at load time, see reel_kernels.h), else the baseline. O(1), one load.
        static var selected: Kernel {
            @inline(__always) get { reel_kernels_have_avx2_fma() != 0 ? .avx2FMA : .baseline }
        }
    }

    /// Dot product of two `n`-float arrays with `kernel` (the selected one by default).
    /// - Complexity: O(n)
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int, using kernel: Kernel = .selected) -> Float {
        switch kernel {
        case .avx2FMA: reel_dot_avx2_fma(a, b, n)
        case .baseline: baselineDot(a, b, n)
        }
    }

    /// y += a × x over `n` floats (BLAS saxpy) with `kernel` (the selected one by default).
    /// - Complexity: O(n)
    @inline(__always)
    static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int,
                     using kernel: Kernel = .selected) {
        switch kernel {
        case .avx2FMA: reel_axpy_avx2_fma(a, x, y, n)
        case .baseline: baselineAxpy(a, x, y, n)
        }
    }

    /// Dot product of two `n`-float arrays using 8-wide Swift SIMD.
    @inline(__always)
    private static func baselineDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i + 8 <= n {
            let va = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            let vb = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            // Multiply then add: `addProduct` lowers to a libm `fmaf` call per lane on the
            // baseline x86-64 target (no FMA instructions), ten times slower than mul + add.
            acc += va * vb
            i += 8
        }
        // Fold the lanes pairwise (8 → 4 → 2 → 1) rather than one by one.
        let four = acc.lowHalf + acc.highHalf
        let two = four.lowHalf + four.highHalf
        var sum = two.x + two.y
        while i < n {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// y += a × x over `n` floats, 8 lanes at a time with Swift SIMD.
    @inline(__always)
    private static func baselineAxpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        let va = SIMD8<Float>(repeating: a)
        var i = 0
        while i + 8 <= n {
            let vx = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            let vy = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: vy + va * vx, as: SIMD8<Float>.self)
            i += 8
        }
        while i < n {
            y[i] += a * x[i]
            i += 1
        }
    }
}
