import Synchronization

/// A bounded in-memory map for values that a write in this process can revoke at any moment
/// (a signed-out session, a video made private or deleted).
///
/// Reads that miss load from the database and then offer the result with ``insert(_:for:loadedAt:)``.
/// Every revocation advances an epoch; an offer made with an epoch older than the current one is
/// dropped, so a load that raced a revocation can never put the revoked value back.
///
/// Revocations made on other nodes arrive through the region's change log (``ChangeFeed``), which
/// the owner catches up with before it trusts an entry. Lookups and updates hold the lock for a
/// dictionary operation only.
final class RevocableCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var entries: [Key: Value] = [:]
        var epoch: UInt64 = 0
    }

    private let state = Mutex(State())
    /// Largest number of entries; when full, the map is emptied (cheap, and misses only cost a load).
    let capacity: Int

    /// Creates an empty cache holding at most `capacity` entries.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The current epoch: read it before loading a value to offer.
    var epoch: UInt64 { state.withLock { $0.epoch } }

    /// The cached value for `key`, if any.
    func value(for key: Key) -> Value? {
        state.withLock { $0.entries[key] }
    }

    /// Caches `value` unless something was revoked since `epoch` (the ``epoch`` read before loading it).
    func insert(_ value: Value, for key: Key, loadedAt epoch: UInt64) {
        state.withLock { state in
            guard state.epoch == epoch else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = value
        }
    }

    /// Drops the entry for `key` and fails every load still in flight.
    func revoke(_ key: Key) {
        state.withLock { state in
            state.epoch &+= 1
            state.entries[key] = nil
        }
    }

    /// Drops every entry whose value matches `predicate` and fails every load still in flight.
    /// - Complexity: O(n) in the number of entries.
    func revokeAll(where predicate: (Value) -> Bool) {
        state.withLock { state in
            state.epoch &+= 1
            state.entries = state.entries.filter { !predicate($0.value) }
        }
    }
}
