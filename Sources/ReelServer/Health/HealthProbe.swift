import Foundation
import ReelMedia
import ReelStore
import Synchronization

/// Whether every region store and the public index can be read, and every media store used
/// (``MediaStore/verifyAccess()``: folder permissions on disk, HeadBucket on S3), checked in the
/// background by ``HealthProbeService`` so that `GET /healthz` reads a stored answer instead of
/// querying each store on every request.
final class HealthProbe: Sendable {
    /// The outcome of one probe.
    struct Status: Sendable {
        /// When the probe finished.
        var checkedAt: ContinuousClock.Instant
        /// What could not be read, or nil when everything could.
        var failure: String?
    }

    private let stores: [any RegionStore]
    private let index: any PublicIndexStore
    private let media: [any MediaStore]
    /// How often the background service probes.
    let interval: Duration
    private let last = Mutex<Status?>(nil)

    /// A probe of `stores`, `index` and `media`, meant to run every `interval`.
    init(stores: [any RegionStore], index: any PublicIndexStore, media: [any MediaStore] = [], interval: Duration) {
        self.stores = stores
        self.index = index
        self.media = media
        self.interval = interval
    }

    /// Reads every store once and records the outcome.
    @discardableResult
    func check() async -> Status {
        var failure: String?
        do {
            for store in stores { _ = try await store.tableNames() }
            _ = try await index.schema()
            for store in media { try await store.verifyAccess() }
        } catch {
            failure = "\(error)"
        }
        let status = Status(checkedAt: .now, failure: failure)
        last.withLock { $0 = status }
        return status
    }

    /// The latest outcome if it is younger than three intervals (the background service keeps it
    /// so); otherwise, as when no service runs (router tests) or it stalled, a fresh probe.
    func current() async -> Status {
        if let status = last.withLock({ $0 }), ContinuousClock.now - status.checkedAt < interval * 3 { return status }
        return await check()
    }
}
