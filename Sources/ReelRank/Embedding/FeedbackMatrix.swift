/// Implicit-feedback matrix in compressed sparse row form, indexed both by user and by item.
///
/// Duplicate (user, item) pairs are merged by summing their strength, so a log of raw
/// events can be passed straight in.
public struct FeedbackMatrix: Sendable {
    /// Number of users (rows).
    public let userCount: Int
    /// Number of items (columns).
    public let itemCount: Int
    /// `byUser.offsets[u] ..< byUser.offsets[u+1]` indexes user u's items and strengths.
    let byUser: Compressed
    /// The transpose: each item's users.
    let byItem: Compressed

    /// One orientation of the sparse matrix.
    struct Compressed: Sendable {
        var offsets: [Int]
        var indices: [Int32]
        var strengths: [Float]
    }

    /// Number of distinct non-zero cells.
    public var nonZeroCount: Int { byUser.indices.count }

    /// Builds the matrix from parallel arrays of triples.
    /// - Complexity: O(n + users + items + Σ row log row) for n triples (counting sort, then a per-row sort).
    public init(userCount: Int, itemCount: Int, users: [Int32], items: [Int32], strengths: [Float]) {
        precondition(users.count == items.count && items.count == strengths.count)
        self.userCount = userCount
        self.itemCount = itemCount
        let raw = Self.group(rows: userCount, keys: users, values: items, strengths: strengths)
        byUser = Self.mergeDuplicates(raw)
        byItem = Self.transpose(byUser, columns: itemCount)
    }

    private static func group(rows: Int, keys: [Int32], values: [Int32], strengths: [Float]) -> Compressed {
        var offsets = [Int](repeating: 0, count: rows + 1)
        for k in keys { offsets[Int(k) + 1] += 1 }
        for r in 0 ..< rows { offsets[r + 1] += offsets[r] }
        var cursor = offsets
        var indices = [Int32](repeating: 0, count: keys.count)
        var out = [Float](repeating: 0, count: keys.count)
        for n in 0 ..< keys.count {
            let r = Int(keys[n])
            indices[cursor[r]] = values[n]
            out[cursor[r]] = strengths[n]
            cursor[r] += 1
        }
        return Compressed(offsets: offsets, indices: indices, strengths: out)
    }

    private static func mergeDuplicates(_ m: Compressed) -> Compressed {
        var result = Compressed(offsets: [0], indices: [], strengths: [])
        result.indices.reserveCapacity(m.indices.count)
        result.strengths.reserveCapacity(m.indices.count)
        var row: [(Int32, Float)] = []
        for r in 0 ..< m.offsets.count - 1 {
            row.removeAll(keepingCapacity: true)
            for n in m.offsets[r] ..< m.offsets[r + 1] { row.append((m.indices[n], m.strengths[n])) }
            row.sort { $0.0 < $1.0 }
            var n = 0
            while n < row.count {
                var total = row[n].1
                var next = n + 1
                while next < row.count && row[next].0 == row[n].0 {
                    total += row[next].1
                    next += 1
                }
                result.indices.append(row[n].0)
                result.strengths.append(total)
                n = next
            }
            result.offsets.append(result.indices.count)
        }
        return result
    }

    private static func transpose(_ m: Compressed, columns: Int) -> Compressed {
        var rowOf = [Int32](repeating: 0, count: m.indices.count)
        for r in 0 ..< m.offsets.count - 1 {
            for n in m.offsets[r] ..< m.offsets[r + 1] { rowOf[n] = Int32(r) }
        }
        return group(rows: columns, keys: m.indices, values: rowOf, strengths: m.strengths)
    }

    /// The users who interacted with item `i`, ascending.
    public func users(ofItem i: Int) -> ArraySlice<Int32> { byItem.indices[byItem.offsets[i] ..< byItem.offsets[i + 1]] }

    /// The items user `u` interacted with, ascending.
    public func items(ofUser u: Int) -> ArraySlice<Int32> { byUser.indices[byUser.offsets[u] ..< byUser.offsets[u + 1]] }
}
