/// Weighted matrix factorisation for implicit feedback (Hu, Koren & Volinsky 2008), solved by
/// alternating least squares with a few conjugate-gradient steps per row (Takács et al. 2011),
/// warm-started from the previous factors so retraining is incremental.
///
/// Confidence of a cell is `1 + alpha × strength`, where strength is the summed engagement
/// (completion ratio, likes, shares); preference is 1 for every observed cell and 0 elsewhere.
public struct ImplicitALS: Sendable {
    /// User factors, one row per user index.
    public internal(set) var userFactors: EmbeddingMatrix
    /// Item factors, one row per item index.
    public internal(set) var itemFactors: EmbeddingMatrix
    /// L2 regularisation.
    public var regularization: Float
    /// Confidence scale.
    public var alpha: Float
    /// Conjugate-gradient steps per row solve.
    public var conjugateGradientSteps: Int = 3
    var generator: SeededGenerator

    /// Creates an untrained model; factors are drawn from N(0, 0.01²) with the given seed.
    public init(dimension: Int, regularization: Float = 0.1, alpha: Float = 10, seed: UInt64 = 42) {
        userFactors = EmbeddingMatrix(rows: 0, dimension: dimension)
        itemFactors = EmbeddingMatrix(rows: 0, dimension: dimension)
        self.regularization = regularization
        self.alpha = alpha
        generator = SeededGenerator(seed: seed)
    }

    /// Vector length.
    public var dimension: Int { userFactors.dimension }

    /// Runs `epochs` sweeps (users then items) over `feedback`, growing the factor tables as needed;
    /// rows that already exist keep their values as the starting point.
    /// - Complexity: O(epochs × (nnz × d × s + (users + items) × d² × s)) for d = dimension, s = CG steps.
    public mutating func train(on feedback: FeedbackMatrix, epochs: Int) {
        Self.initialiseRows(&userFactors, to: feedback.userCount, generator: &generator)
        Self.initialiseRows(&itemFactors, to: feedback.itemCount, generator: &generator)
        for _ in 0 ..< epochs {
            Self.sweep(&userFactors, fixed: itemFactors, rows: feedback.byUser, count: feedback.userCount,
                       lambda: regularization, alpha: alpha, steps: conjugateGradientSteps)
            Self.sweep(&itemFactors, fixed: userFactors, rows: feedback.byItem, count: feedback.itemCount,
                       lambda: regularization, alpha: alpha, steps: conjugateGradientSteps)
        }
    }

    /// Solves one user's vector against the current item factors from their (item, strength) pairs,
    /// without touching the model: used to fold in a new user after a few events.
    /// - Complexity: O(n × d × s + d² × s) for n pairs; the Gram matrix is recomputed unless given.
    public func foldIn(items: [Int32], strengths: [Float], gram: [Float]? = nil) -> [Float] {
        let d = dimension
        let yty = gram ?? Self.gram(itemFactors)
        var x = [Float](repeating: 0, count: d)
        let valid = items.indices.filter { Int(items[$0]) < itemFactors.rows }
        guard !valid.isEmpty else { return x }
        let idx = valid.map { items[$0] }
        let conf = valid.map { strengths[$0] * alpha }
        Self.solveRow(x: &x, fixed: itemFactors, indices: idx, confidences: conf, gram: yty,
                      lambda: regularization, steps: max(conjugateGradientSteps, min(d, 12)))
        return x
    }

    /// The k×k Gram matrix FᵀF of a factor table.
    /// - Complexity: O(rows × d²), as SIMD rank-1 updates of the upper triangle (mirrored at the end).
    public static func gram(_ factors: EmbeddingMatrix) -> [Float] {
        let d = factors.dimension
        var g = [Float](repeating: 0, count: d * d)
        factors.values.withUnsafeBufferPointer { f in
            g.withUnsafeMutableBufferPointer { out in
                let o = out.baseAddress!
                for r in 0 ..< factors.rows {
                    let row = f.baseAddress! + r * d
                    for i in 0 ..< d {
                        let fi = row[i]
                        if fi == 0 { continue }
                        // Row i of the upper triangle from column i on: o[i][i…] += fi × row[i…].
                        VectorMath.axpy(fi, row + i, o + i * d + i, d - i)
                    }
                }
                for i in 0 ..< d { for j in 0 ..< i { o[i * d + j] = o[j * d + i] } }
            }
        }
        return g
    }

    private static func initialiseRows(_ m: inout EmbeddingMatrix, to count: Int, generator: inout SeededGenerator) {
        let old = m.rows
        guard count > old else { return }
        m.grow(to: count)
        for n in old * m.dimension ..< count * m.dimension { m.values[n] = Float(generator.gaussian() * 0.01) }
    }

    /// Solves every non-empty row of `target` against `fixed`, in place.
    private static func sweep(
        _ target: inout EmbeddingMatrix, fixed: EmbeddingMatrix, rows: FeedbackMatrix.Compressed, count: Int,
        lambda: Float, alpha: Float, steps: Int
    ) {
        var a = gram(fixed)
        let d = target.dimension
        for k in 0 ..< d { a[k * d + k] += lambda }
        var scratch = [Float](repeating: 0, count: 3 * d)
        fixed.values.withUnsafeBufferPointer { y in
            a.withUnsafeBufferPointer { a in
                target.values.withUnsafeMutableBufferPointer { t in
                    rows.offsets.withUnsafeBufferPointer { offsets in
                        rows.indices.withUnsafeBufferPointer { indices in
                            rows.strengths.withUnsafeBufferPointer { strengths in
                                scratch.withUnsafeMutableBufferPointer { work in
                                    for r in 0 ..< count {
                                        let lo = offsets[r], hi = offsets[r + 1]
                                        if lo == hi { continue }
                                        solveRow(x: t.baseAddress! + r * d, y: y.baseAddress!, d: d,
                                                 indices: indices.baseAddress! + lo, strengths: strengths.baseAddress! + lo,
                                                 count: hi - lo, alpha: alpha, a: a.baseAddress!, steps: steps,
                                                 work: work.baseAddress!)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Solves one row for `foldIn`: copies in, solves, copies out.
    private static func solveRow(
        x: inout [Float], fixed: EmbeddingMatrix, indices: [Int32], confidences: [Float], gram: [Float],
        lambda: Float, steps: Int
    ) {
        let d = fixed.dimension
        var a = gram
        for k in 0 ..< d { a[k * d + k] += lambda }
        var work = [Float](repeating: 0, count: 3 * d)
        fixed.values.withUnsafeBufferPointer { y in
            a.withUnsafeBufferPointer { a in
                indices.withUnsafeBufferPointer { idx in
                    confidences.withUnsafeBufferPointer { c in
                        x.withUnsafeMutableBufferPointer { xb in
                            work.withUnsafeMutableBufferPointer { w in
                                solveRow(x: xb.baseAddress!, y: y.baseAddress!, d: d, indices: idx.baseAddress!,
                                         strengths: c.baseAddress!, count: idx.count, alpha: 1, a: a.baseAddress!,
                                         steps: steps, work: w.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Conjugate gradient on (YᵀY + λI + Yᵀ(C−I)Y) x = YᵀCp, starting from `x` (Takács et al. 2011,
    /// the same iteration `implicit`'s CG solver runs). `a` is YᵀY + λI (d × d, row-major); the
    /// observed cells are `count` item rows of `y` with confidence − 1 = `alpha × strengths[n]`.
    /// `work` holds 3 × d floats. Allocates nothing.
    /// - Complexity: O(steps × (d² + count × d)).
    @inline(__always)
    private static func solveRow(
        x: UnsafeMutablePointer<Float>, y: UnsafePointer<Float>, d: Int, indices: UnsafePointer<Int32>,
        strengths: UnsafePointer<Float>, count: Int, alpha: Float, a: UnsafePointer<Float>, steps: Int,
        work: UnsafeMutablePointer<Float>
    ) {
        let r = work, p = work + d, ap = work + 2 * d
        // r = b − A x = Σ c·y − (YᵀY + λI) x − Σ (c − 1)(y·x) y
        for i in 0 ..< d { r[i] = -VectorMath.dot(a + i * d, x, d) }
        for n in 0 ..< count {
            let row = y + Int(indices[n]) * d
            let c = alpha * strengths[n]
            VectorMath.axpy((1 + c) - c * VectorMath.dot(row, x, d), row, r, d)
        }
        p.update(from: r, count: d)
        var rsOld = VectorMath.dot(r, r, d)
        var step = 0
        while step < steps && rsOld > 1e-12 {
            step += 1
            for i in 0 ..< d { ap[i] = VectorMath.dot(a + i * d, p, d) }
            for n in 0 ..< count {
                let row = y + Int(indices[n]) * d
                VectorMath.axpy(alpha * strengths[n] * VectorMath.dot(row, p, d), row, ap, d)
            }
            let pAp = VectorMath.dot(p, ap, d)
            if pAp <= 0 { break }
            let stepSize = rsOld / pAp
            VectorMath.axpy(stepSize, p, x, d)
            VectorMath.axpy(-stepSize, ap, r, d)
            let rsNew = VectorMath.dot(r, r, d)
            let beta = rsNew / rsOld
            for k in 0 ..< d { p[k] = r[k] + beta * p[k] }
            rsOld = rsNew
        }
    }
}
