import Foundation
import GRDB

/// Which audit entries name which person: `<data-dir>/audit-subjects.sqlite`, a derived index of the
/// log by ``ReelGuard/SubjectCommitment`` so a person's entries are found without reading the whole log.
///
/// The log is the truth; this file only speeds up reading it. It records how many entries it covers,
/// so entries appended before a crash are indexed at the next start, and a missing, unreadable or
/// ahead-of-the-log file (e.g. a log restored from an older backup) is rebuilt from the log.
struct AuditSubjectIndex: Sendable {
    private let database: DatabasePool

    /// Opens (creating) the index file; one that can't be opened is deleted and made afresh (the
    /// log then fills it again).
    /// - Throws: A GRDB error when not even a fresh file can be created.
    init(file: URL) throws {
        do {
            database = try Self.open(file)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
            database = try Self.open(file)
        }
    }

    private static func open(_ file: URL) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // Like every SQLite database Reel opens (docs/deployment.md, "Erasure and deleted data").
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        let database = try DatabasePool(path: file.path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "subject_entries", options: .withoutRowID) { table in
                table.column("subject", .text).notNull()
                table.column("entryIndex", .integer).notNull()
                table.primaryKey(["subject", "entryIndex"])
            }
            try db.create(table: "coverage") { table in
                table.primaryKey("id", .integer)
                table.column("size", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO coverage (id, size) VALUES (1, 0)")
        }
        try migrator.migrate(database)
        return database
    }

    /// How many entries (from the log's start) are indexed.
    func coveredSize() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT size FROM coverage WHERE id = 1") ?? 0 }
    }

    /// Forgets everything (before a rebuild).
    func reset() throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM subject_entries")
            try db.execute(sql: "UPDATE coverage SET size = 0 WHERE id = 1")
        }
    }

    /// Records the subjects of the entries that took the log from its covered size to `newSize`,
    /// in one transaction. Entries without a subject are simply not listed.
    /// - Parameter subjects: `(entry index, commitment)` pairs, all below `newSize`.
    func add(_ subjects: [(index: Int, subject: String)], newSize: Int) throws {
        try database.write { db in
            for item in subjects {
                try db.execute(sql: "INSERT OR IGNORE INTO subject_entries (subject, entryIndex) VALUES (?, ?)",
                               arguments: [item.subject, item.index])
            }
            try db.execute(sql: "UPDATE coverage SET size = ? WHERE id = 1", arguments: [newSize])
        }
    }

    /// Up to `limit` entry indexes naming `subject`, below `before` when given, highest first.
    /// - Complexity: O(log n + limit) through the primary key.
    func indexes(subject: String, before: Int?, limit: Int) throws -> [Int] {
        try database.read { db in
            try Int.fetchAll(db, sql: """
                SELECT entryIndex FROM subject_entries WHERE subject = ? AND entryIndex < ?
                ORDER BY entryIndex DESC LIMIT ?
                """, arguments: [subject, before ?? Int.max, limit])
        }
    }
}
