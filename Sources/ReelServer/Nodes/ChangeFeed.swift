import Foundation
import ReelCore
import ReelStore
import Synchronization

/// Keeps this node's caches of session and video rows from outliving a change made on another
/// node: follows every region's ``ChangeLog`` and drops the entries it names.
///
/// How "at once" is kept without depending on a polling interval: before a cache answers from an
/// entry of region R, it calls ``catchUp(region:)``, which waits for a read of R's change-log head
/// that *started after the call* (``CoalescedRefresh``) and applies the changes up to it. A change
/// committed on any node before the request arrived is therefore applied before the cached value
/// is used. The cost is one primary-key read per region per round trip, shared by every request
/// waiting at that moment, instead of one row read per request; a background poll
/// (``LogFollowService``) keeps the log read in small steps.
///
/// On a single node (``isShared`` false) the cache owners' own revocations are complete, so
/// ``catchUp(region:)`` returns at once and nothing is read.
final class ChangeFeed: Sendable {
    /// Whether other nodes write to the same stores (the configuration's `multiNode`).
    let isShared: Bool
    private let stores: [Int: any ChangeLog]
    private let followers: [Int: CoalescedRefresh]
    private let applied: Mutex<[Int: Int64]>
    private let subscribers = Mutex<[@Sendable (StoreChange) -> Void]>([])

    /// - Parameters:
    ///   - stores: each region's change log.
    ///   - isShared: whether other nodes share the stores; when false nothing is ever read.
    init(stores directory: RegionDirectory<any ChangeLog>, isShared: Bool) {
        let stores = Dictionary(uniqueKeysWithValues: directory.entries.map { ($0.region.index, $0.store) })
        self.stores = stores
        self.isShared = isShared
        applied = Mutex(Dictionary(uniqueKeysWithValues: stores.keys.map { ($0, Int64(0)) }))
        var followers: [Int: CoalescedRefresh] = [:]
        let box = WeakFeed()
        for index in stores.keys {
            followers[index] = CoalescedRefresh { try await box.feed?.apply(region: index) }
        }
        self.followers = followers
        box.feed = self
    }

    /// Calls `handler` with every change read from now on (a cache drops the entry it names).
    func subscribe(_ handler: @escaping @Sendable (StoreChange) -> Void) {
        subscribers.withLock { $0.append(handler) }
    }

    /// Starts every region at its current head: changes made before this node started cannot be
    /// in its caches. Call before serving.
    func start() async throws {
        guard isShared else { return }
        for (index, store) in stores {
            let head = try await store.changeLogHead()
            applied.withLock { $0[index] = head }
        }
    }

    /// Applies every change of region `index` committed before this call (see the type's note).
    /// - Throws: the store's error; the caller must then not trust its cache.
    func catchUp(region index: Int) async throws {
        guard isShared, let follower = followers[index] else { return }
        try await follower.run()
    }

    /// Catches every region up (the background poll).
    func catchUpAll() async throws {
        for index in followers.keys.sorted() { try await catchUp(region: index) }
    }

    /// The last change sequence applied, by region index.
    var appliedSequences: [Int: Int64] { applied.withLock { $0 } }

    private func apply(region index: Int) async throws {
        guard let store = stores[index] else { return }
        let head = try await store.changeLogHead()
        var position = applied.withLock { $0[index] ?? 0 }
        let handlers = subscribers.withLock { $0 }
        while position < head {
            let changes = try await store.changes(after: position, limit: 1000)
            for change in changes { for handler in handlers { handler(change) } }
            guard let last = changes.last else { break }
            position = last.sequence
        }
        applied.withLock { $0[index] = max($0[index] ?? 0, position) }
    }
}

/// Lets the refresh closures reach their feed without a retain cycle (set once in `init`).
private final class WeakFeed: @unchecked Sendable {
    // Written once during ChangeFeed.init, before any closure can run; read-only afterwards.
    weak var feed: ChangeFeed?
}
