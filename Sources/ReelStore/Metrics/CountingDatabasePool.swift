import GRDB

/// A GRDB `DatabasePool` whose failed reads and writes are counted (``StoreErrorCounter``).
///
/// It offers the two calls the SQLite engines make, with the same shape as GRDB's, plus the
/// calling method's name (`#function`), so every `pool.read { db in … }` in an engine is counted
/// under its method without naming it at each call.
struct CountingDatabasePool: Sendable {
    /// The pool itself, for migrations.
    let pool: DatabasePool
    let errors: StoreErrorCounter

    /// Runs `value` in a read transaction (GRDB `read`), counting a failure against `operation`.
    func read<T: Sendable>(operation: String = #function, _ value: @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.read(value) } catch {
            errors.record(error, operation: operation)
            throw error
        }
    }

    /// Runs `updates` in a write transaction (GRDB `write`), counting a failure against `operation`.
    func write<T: Sendable>(operation: String = #function, _ updates: @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.write(updates) } catch {
            errors.record(error, operation: operation)
            throw error
        }
    }
}
