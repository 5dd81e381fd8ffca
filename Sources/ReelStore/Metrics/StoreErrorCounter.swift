import CoreMetrics
import GRDB
import PostgresNIO
import ReelCore

/// Counts the failures of one store (a region's or the public index's) by operation, as
/// `reel_store_errors_total{region, operation}` through swift-metrics.
///
/// Only faults of the engine count: a lost connection, a timeout, a full disk, a busy database. A
/// domain outcome thrown through the store (``ReelError``: not found, already taken), a constraint
/// violation the store maps to a 409, and cancellation at shutdown are not store errors.
/// Nothing is allocated or locked unless an operation fails.
package struct StoreErrorCounter: Sendable {
    /// The metric's name.
    package static let metricName = "reel_store_errors_total"
    /// The `region` label: a region code, or `public` for the public index.
    package let region: String
    private let factory: any MetricsFactory

    /// A counter for the store labelled `region`, created through `factory` (the app's Prometheus
    /// registry; swift-metrics' global factory, a no-op unless bootstrapped, by default).
    package init(region: String, factory: any MetricsFactory = MetricsSystem.factory) {
        self.region = region
        self.factory = factory
    }

    /// Counts `error` against `operation` (a store method's `#function`, e.g. `claimNextJob(at:)`,
    /// recorded without its argument labels) when it is a store error (see the type's summary).
    package func record(_ error: any Error, operation: String) {
        guard Self.isStoreError(error) else { return }
        let name = operation.firstIndex(of: "(").map { String(operation[..<$0]) } ?? operation
        // The registry returns the existing series after the first failure of an operation.
        Counter(label: Self.metricName, dimensions: [("region", region), ("operation", name)], factory: factory).increment()
    }

    /// Whether `error` is a fault of the engine rather than a domain outcome or a shutdown.
    package static func isStoreError(_ error: any Error) -> Bool {
        if error is ReelError || error is CancellationError { return false }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT { return false }
        // SQLSTATE class 23: integrity constraint violations (unique, foreign key), mapped to 409s.
        if let error = error as? PSQLError, error.serverInfo?[.sqlState]?.hasPrefix("23") == true { return false }
        return true
    }
}
