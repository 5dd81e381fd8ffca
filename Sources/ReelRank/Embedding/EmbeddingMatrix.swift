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

/// SIMD kernels shared by ALS, HNSW and exact search.
enum VectorMath {
    /// Dot product of two `n`-float arrays using 8-wide SIMD.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
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

    /// y += a × x over `n` floats, 8 lanes at a time (BLAS saxpy).
    @inline(__always)
    static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
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
