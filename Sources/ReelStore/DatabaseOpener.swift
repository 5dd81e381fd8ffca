import Foundation
import GRDB

/// Opens SQLite databases the one way Reel wants them: WAL, full fsync on commit, foreign keys on.
enum DatabaseOpener {
    /// Opens (creating folders as needed) a WAL database pool at `url` and migrates it; every
    /// connection gets the SQL `functions`.
    static func open(at url: URL, migrator: DatabaseMigrator, functions: [DatabaseFunction] = []) throws -> DatabasePool {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // FULL makes every acknowledged commit durable across power loss and kill -9 in WAL mode.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            for function in functions { db.add(function: function) }
        }
        let pool = try DatabasePool(path: url.path, configuration: configuration)
        try migrator.migrate(pool)
        return pool
    }
}
