import Foundation
import GRDB

/// Opens SQLite databases the one way Reel wants them: WAL, full fsync on commit, foreign keys on,
/// and deleted content overwritten (`secure_delete`).
enum DatabaseOpener {
    /// Opens (creating folders as needed) a WAL database pool at `url`; every connection gets the
    /// SQL `functions`. The schema is left alone: migrating is a separate step.
    static func open(at url: URL, functions: [DatabaseFunction] = []) throws -> DatabasePool {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // FULL makes every acknowledged commit durable across power loss and kill -9 in WAL mode.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted rows are zeroed in their pages (and freed pages zeroed), so an erased
            // account's bytes leave the file once the WAL is checkpointed (``truncateLog(_:)``).
            try db.execute(sql: "PRAGMA secure_delete = ON")
            for function in functions { db.add(function: function) }
        }
        return try DatabasePool(path: url.path, configuration: configuration)
    }

    /// Copies every frame of the write-ahead log into the database and truncates the log to zero
    /// bytes (`PRAGMA wal_checkpoint(TRUNCATE)`), so page images written before a deletion (which
    /// still hold the deleted rows) leave the `-wal` file. Waits for readers up to the busy timeout.
    /// - Throws: `DatabaseError` (`SQLITE_BUSY`) when readers kept the log past the busy timeout.
    static func truncateLog(_ pool: DatabasePool) async throws {
        try await pool.writeWithoutTransaction { db in
            let (logFrames, copiedFrames) = try db.checkpoint(.truncate)
            guard logFrames <= 0 || logFrames == copiedFrames else {
                throw DatabaseError(resultCode: .SQLITE_BUSY, message: "the write-ahead log could not be checkpointed fully")
            }
        }
    }
}
