/// FTRL-Proximal logistic regression (McMahan et al. 2013) with several heads sharing one
/// sparse feature space, so completion, like and share are learned from the same features.
///
/// Features are 64-bit keys mapped to dense slots; a distinct key never shares a weight with
/// another (no hashing trick collisions), so memory grows with the number of distinct features.
public struct FTRLProximal: Sendable {
    /// Learning-rate alpha.
    public var alpha: Double
    /// Learning-rate beta.
    public var beta: Double
    /// L1 strength; larger gives sparser weights.
    public var l1: Double
    /// L2 strength.
    public var l2: Double
    /// Number of prediction heads.
    public let heads: Int
    private(set) var slotOfKey: [UInt64: Int32] = [:]
    private(set) var keys: [UInt64] = []
    /// `slots × heads` accumulated z and n.
    private(set) var z: [Double] = []
    private(set) var n: [Double] = []

    /// Creates an empty model with `heads` outputs.
    public init(heads: Int, alpha: Double = 0.1, beta: Double = 1, l1: Double = 0.5, l2: Double = 1) {
        self.heads = heads
        self.alpha = alpha
        self.beta = beta
        self.l1 = l1
        self.l2 = l2
    }

    /// Number of distinct features seen.
    public var featureCount: Int { keys.count }

    /// The current weight of `key` for `head` (0 for an unseen key or one zeroed by L1).
    /// - Complexity: O(1)
    public func weight(_ key: UInt64, head: Int) -> Double {
        guard let slot = slotOfKey[key] else { return 0 }
        return weight(slot: Int(slot), head: head)
    }

    @inline(__always)
    func weight(slot: Int, head: Int) -> Double {
        let i = slot * heads + head
        let zi = z[i]
        if abs(zi) <= l1 { return 0 }
        let sign: Double = zi < 0 ? -1 : 1
        return -(zi - sign * l1) / ((beta + n[i].squareRoot()) / alpha + l2)
    }

    /// The predicted probability for `head` given sparse `features`.
    /// - Complexity: O(features)
    public func predict(_ features: [Feature], head: Int) -> Double {
        var margin = 0.0
        for f in features {
            if let slot = slotOfKey[f.key] { margin += weight(slot: Int(slot), head: head) * f.value }
        }
        return Self.sigmoid(margin)
    }

    /// One online gradient step on `head` with binary `label`; returns the prediction made before the update.
    /// - Complexity: O(features) amortised.
    @discardableResult
    public mutating func update(_ features: [Feature], head: Int, label: Bool) -> Double {
        update(features, head: head, target: label ? 1 : 0)
    }

    /// One online gradient step of the logistic loss towards a graded `target` in [0, 1] (e.g. the
    /// share of a video watched): the gradient is (p − target) × x, so a half-watched video pulls
    /// the prediction towards 0.5. Returns the prediction made before the update.
    /// - Complexity: O(features) amortised.
    @discardableResult
    public mutating func update(_ features: [Feature], head: Int, target: Double) -> Double {
        var margin = 0.0
        var slots: [Int] = []
        slots.reserveCapacity(features.count)
        for f in features {
            let slot = slotFor(f.key)
            slots.append(slot)
            margin += weight(slot: slot, head: head) * f.value
        }
        let p = Self.sigmoid(margin)
        let g0 = p - min(max(target, 0), 1)
        for (slot, f) in zip(slots, features) {
            let i = slot * heads + head
            let g = g0 * f.value
            let sigma = ((n[i] + g * g).squareRoot() - n[i].squareRoot()) / alpha
            let w = weight(slot: slot, head: head)
            z[i] += g - sigma * w
            n[i] += g * g
        }
        return p
    }

    /// The `limit` features with the largest absolute weight on `head`, as (key, weight).
    /// - Complexity: O(features log features)
    public func topWeights(head: Int, limit: Int) -> [(key: UInt64, weight: Double)] {
        let all = keys.indices.map { (keys[$0], weight(slot: $0, head: head)) }.filter { $0.1 != 0 }
        return all.sorted { abs($0.1) > abs($1.1) || (abs($0.1) == abs($1.1) && $0.0 < $1.0) }
            .prefix(limit).map { ($0.0, $0.1) }
    }

    /// Drops the weights of `forgotten` keys (an erased user's features), keeping every other
    /// feature's slot order.
    /// - Complexity: O(features × heads).
    mutating func forget(keys forgotten: Set<UInt64>) {
        guard keys.contains(where: forgotten.contains) else { return }
        var keptKeys: [UInt64] = [], keptZ: [Double] = [], keptN: [Double] = []
        for (slot, key) in keys.enumerated() where !forgotten.contains(key) {
            keptKeys.append(key)
            keptZ.append(contentsOf: z[slot * heads ..< (slot + 1) * heads])
            keptN.append(contentsOf: n[slot * heads ..< (slot + 1) * heads])
        }
        self = FTRLProximal(heads: heads, alpha: alpha, beta: beta, l1: l1, l2: l2, keys: keptKeys, z: keptZ, n: keptN)
    }

    private mutating func slotFor(_ key: UInt64) -> Int {
        if let slot = slotOfKey[key] { return Int(slot) }
        let slot = keys.count
        slotOfKey[key] = Int32(slot)
        keys.append(key)
        z.append(contentsOf: repeatElement(0, count: heads))
        n.append(contentsOf: repeatElement(0, count: heads))
        return slot
    }

    /// Restores a model from saved arrays (snapshot loading).
    init(heads: Int, alpha: Double, beta: Double, l1: Double, l2: Double, keys: [UInt64], z: [Double], n: [Double]) {
        self.init(heads: heads, alpha: alpha, beta: beta, l1: l1, l2: l2)
        self.keys = keys
        self.z = z
        self.n = n
        slotOfKey.reserveCapacity(keys.count)
        for (slot, key) in keys.enumerated() { slotOfKey[key] = Int32(slot) }
    }

    @inline(__always)
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + Math.exp(-max(min(x, 35), -35))) }
}

/// One sparse feature: a 64-bit key and its value (1 for indicator features).
public struct Feature: Sendable, Hashable {
    /// The feature's key (see `FeatureKind.key`).
    public var key: UInt64
    /// Its value.
    public var value: Double
    /// Which family it belongs to, for explanations.
    public var kind: FeatureKind
    /// The family's argument (a hashtag id, creator id, bucket…), for explanations.
    public var argument: UInt64

    /// Creates a feature of `kind` with `argument` (a hashtag, creator, bucket…) and `value`.
    public init(kind: FeatureKind, argument: UInt64, value: Double = 1) {
        self.init(kind, argument, value: value)
    }

    /// Creates an indicator feature of `kind` with `argument`, salted by `salt` (e.g. the user).
    init(_ kind: FeatureKind, _ argument: UInt64, salt: UInt64 = 0, value: Double = 1) {
        self.key = mix64(mix64(UInt64(kind.rawValue), salt), argument)
        self.value = value
        self.kind = kind
        self.argument = argument
    }
}
