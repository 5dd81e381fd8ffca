import Crypto
import Foundation
import Synchronization

/// Unwrapped data keys in this process's memory only, each for ``lifetime`` after it was unwrapped
/// (configuration `dataKeyCacheSeconds`; 0 keeps none), so a busy account does not cost a custodian
/// round trip per request. Erasure and key destruction drop a key at once.
///
/// At most ``capacity`` keys: a full cache is emptied and refilled on demand. Lookups are O(1).
final class DataKeyCache: Sendable {
    private struct Entry {
        var key: SymmetricKey
        var expires: ContinuousClock.Instant
    }

    /// How long a key stays after it was unwrapped.
    let lifetime: Duration
    /// Most keys kept at once.
    let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    /// An empty cache.
    init(lifetime: Duration, capacity: Int = 100_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The key with this ID, if it was unwrapped less than ``lifetime`` ago.
    func key(_ id: String) -> SymmetricKey? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[id] else { return nil }
            guard entry.expires > now else { entries[id] = nil; return nil }
            return entry.key
        }
    }

    /// Keeps `key` under `id` for ``lifetime``.
    func insert(_ key: SymmetricKey, for id: String) {
        guard lifetime > .zero else { return }
        let expires = ContinuousClock.now + lifetime
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = Entry(key: key, expires: expires)
        }
    }

    /// Forgets the key with this ID (its account is being erased).
    func remove(_ id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
