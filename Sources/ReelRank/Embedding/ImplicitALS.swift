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
        var scratch = Scratch(dimension: d)
        Self.solveRow(x: &x, fixed: itemFactors, indices: idx[...], confidences: conf[...], gram: yty,
                      lambda: regularization, steps: max(conjugateGradientSteps, min(d, 12)), scratch: &scratch)
        return x
    }

    /// The k×k Gram matrix FᵀF of a factor table.
    /// - Complexity: O(rows × d²)
    public static func gram(_ factors: EmbeddingMatrix) -> [Float] {
        let d = factors.dimension
        var g = [Float](repeating: 0, count: d * d)
        factors.values.withUnsafeBufferPointer { f in
            g.withUnsafeMutableBufferPointer { out in
                for r in 0 ..< factors.rows {
                    let row = f.baseAddress! + r * d
                    for i in 0 ..< d {
                        let fi = row[i]
                        if fi == 0 { continue }
                        for j in 0 ..< d { out[i * d + j] += fi * row[j] }
                    }
                }
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

    private static func sweep(
        _ target: inout EmbeddingMatrix, fixed: EmbeddingMatrix, rows: FeedbackMatrix.Compressed, count: Int,
        lambda: Float, alpha: Float, steps: Int
    ) {
        let yty = gram(fixed)
        let d = target.dimension
        var x = [Float](repeating: 0, count: d)
        var conf: [Float] = []
        var scratch = Scratch(dimension: d)
        for r in 0 ..< count {
            let range = rows.offsets[r] ..< rows.offsets[r + 1]
            if range.isEmpty { continue }
            for k in 0 ..< d { x[k] = target.values[r * d + k] }
            conf.removeAll(keepingCapacity: true)
            for n in range { conf.append(rows.strengths[n] * alpha) }
            solveRow(x: &x, fixed: fixed, indices: rows.indices[range], confidences: conf[...], gram: yty,
                     lambda: lambda, steps: steps, scratch: &scratch)
            for k in 0 ..< d { target.values[r * d + k] = x[k] }
        }
    }

    /// Conjugate gradient on (YᵀY + Yᵀ(C−I)Y + λI) x = YᵀCp, starting from `x`.
    /// `confidences` holds c − 1 for each observed cell.
    private static func solveRow(
        x: inout [Float], fixed: EmbeddingMatrix, indices: ArraySlice<Int32>, confidences: ArraySlice<Float>,
        gram: [Float], lambda: Float, steps: Int, scratch: inout Scratch
    ) {
        let d = fixed.dimension
        fixed.values.withUnsafeBufferPointer { yBuf in
            let y = yBuf.baseAddress!
            // Swap the buffers out so they stay uniquely referenced (no copy-on-write).
            var r: [Float] = [], p: [Float] = [], ap: [Float] = []
            swap(&r, &scratch.r)
            swap(&p, &scratch.p)
            swap(&ap, &scratch.ap)
            defer {
                swap(&r, &scratch.r)
                swap(&p, &scratch.p)
                swap(&ap, &scratch.ap)
            }
            // r = b − A x
            for i in 0 ..< d {
                var s: Float = 0
                for j in 0 ..< d { s += gram[i * d + j] * x[j] }
                r[i] = -s - lambda * x[i]
            }
            x.withUnsafeBufferPointer { xb in
                for (n, c) in zip(indices, confidences) {
                    let row = y + Int(n) * d
                    let coef = (1 + c) - c * VectorMath.dot(row, xb.baseAddress!, d)
                    for k in 0 ..< d { r[k] += coef * row[k] }
                }
            }
            for k in 0 ..< d { p[k] = r[k] }
            var rsOld: Float = 0
            for k in 0 ..< d { rsOld += r[k] * r[k] }
            for _ in 0 ..< steps where rsOld > 1e-12 {
                for i in 0 ..< d {
                    var s: Float = 0
                    for j in 0 ..< d { s += gram[i * d + j] * p[j] }
                    ap[i] = s + lambda * p[i]
                }
                p.withUnsafeBufferPointer { pb in
                    for (n, c) in zip(indices, confidences) {
                        let row = y + Int(n) * d
                        let coef = c * VectorMath.dot(row, pb.baseAddress!, d)
                        for k in 0 ..< d { ap[k] += coef * row[k] }
                    }
                }
                var pAp: Float = 0
                for k in 0 ..< d { pAp += p[k] * ap[k] }
                if pAp <= 0 { break }
                let step = rsOld / pAp
                var rsNew: Float = 0
                for k in 0 ..< d {
                    x[k] += step * p[k]
                    r[k] -= step * ap[k]
                    rsNew += r[k] * r[k]
                }
                for k in 0 ..< d { p[k] = r[k] + (rsNew / rsOld) * p[k] }
                rsOld = rsNew
            }
        }
    }

    /// Per-sweep work vectors, so solving a row allocates nothing.
    private struct Scratch {
        var r: [Float]
        var p: [Float]
        var ap: [Float]

        init(dimension d: Int) {
            r = [Float](repeating: 0, count: d)
            p = r
            ap = r
        }
    }
}
