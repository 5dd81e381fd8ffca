import Foundation
import GRDB

/// Opens SQLite databases the one way Reel wants them: WAL, full fsync on commit, foreign keys on.
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
            for function in functions { db.add(function: function) }
        }
        return try DatabasePool(path: url.path, configuration: configuration)
    }
}
