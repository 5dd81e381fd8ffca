import Foundation
import GRDB

/// One data key as the custodian stores it: wrapped (AES-256-GCM under a key-encryption key
/// version), or, once destroyed, only its ID and the time of destruction.
struct WrappedKeyRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "data_keys"
    enum Columns {
        static let id = Column("id")
        static let kekVersion = Column("kekVersion")
        static let destroyedAt = Column("destroyedAt")
    }

    var id: String
    var kekVersion: Int
    var nonce: Data?
    var wrapped: Data?
    var createdAt: Date
    var destroyedAt: Date?
}

/// One key-encryption key version.
struct KeyEncryptionKeyRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "kek_versions"
    enum Columns {
        static let version = Column("version")
        static let retiredAt = Column("retiredAt")
    }

    var version: Int
    var createdAt: Date
    var retiredAt: Date?
}

/// The custodian's wrapped data keys and key-encryption key versions in `<data-dir>/keys.sqlite`.
///
/// WAL with `synchronous = FULL` (a key handed out is on disk first, so a crash never loses a key
/// whose data was encrypted under it) and `secure_delete` (a destroyed key's wrapped bytes are
/// overwritten, not left in free pages).
struct WrappedKeyStore: Sendable {
    let database: DatabasePool

    /// Opens (creating and migrating) the store.
    init(file: URL) throws {
        var configuration = Configuration()
        // Waits for a checkpoint or another connection instead of failing with "database is locked".
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        database = try DatabasePool(path: file.path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "kek_versions") { table in
                table.primaryKey("version", .integer)
                table.column("createdAt", .datetime).notNull()
                table.column("retiredAt", .datetime)
            }
            try db.create(table: "data_keys") { table in
                table.primaryKey("id", .text)
                table.column("kekVersion", .integer).notNull()
                table.column("nonce", .blob)
                table.column("wrapped", .blob)
                table.column("createdAt", .datetime).notNull()
                table.column("destroyedAt", .datetime)
            }
            try db.create(index: "data_keys_by_version", on: "data_keys", columns: ["kekVersion"])
        }
        try migrator.migrate(database)
    }

    /// The newest key-encryption key version, or nil before the first.
    func currentVersion() throws -> Int? {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT MAX(version) FROM kek_versions") }
    }

    /// Records a new key-encryption key version.
    func addVersion(_ version: Int) throws {
        try database.write { db in try KeyEncryptionKeyRecord(version: version, createdAt: Date(), retiredAt: nil).insert(db) }
    }

    /// Every version with its count of live data keys.
    func versions() throws -> [(record: KeyEncryptionKeyRecord, liveKeys: Int)] {
        try database.read { db in
            try KeyEncryptionKeyRecord.order(KeyEncryptionKeyRecord.Columns.version).fetchAll(db).map { record in
                let live = try WrappedKeyRecord.filter(WrappedKeyRecord.Columns.kekVersion == record.version
                                                       && WrappedKeyRecord.Columns.destroyedAt == nil).fetchCount(db)
                return (record, live)
            }
        }
    }

    /// Marks a version destroyed in the token.
    func retire(_ version: Int) throws {
        _ = try database.write { db in
            try KeyEncryptionKeyRecord.filter(KeyEncryptionKeyRecord.Columns.version == version)
                .updateAll(db, KeyEncryptionKeyRecord.Columns.retiredAt.set(to: Date()))
        }
    }

    /// Stores a new wrapped key.
    func insert(_ record: WrappedKeyRecord) throws { try database.write { db in try record.insert(db) } }

    /// The key with this ID, destroyed or not.
    func key(id: String) throws -> WrappedKeyRecord? { try database.read { db in try WrappedKeyRecord.fetchOne(db, key: id) } }

    /// Forgets a key's wrapped bytes for good, keeping its ID and the time: the row is overwritten
    /// (`secure_delete` zeroes the old bytes) and the write-ahead log checkpointed and truncated,
    /// so no earlier image of the page stays in `keys.sqlite-wal`.
    /// - Returns: Whether it was live until now.
    func destroy(id: String, at date: Date) throws -> Bool {
        let destroyed = try database.write { db in
            try db.execute(sql: "UPDATE data_keys SET nonce = NULL, wrapped = NULL, destroyedAt = ? WHERE id = ? AND destroyedAt IS NULL",
                           arguments: [date, id])
            return db.changesCount == 1
        }
        // secure_delete zeroed the old bytes in the page; the WAL still holds earlier images of it.
        try database.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        return destroyed
    }

    /// Up to `limit` live keys wrapped under a version older than `version`.
    func keys(olderThan version: Int, limit: Int) throws -> [WrappedKeyRecord] {
        try database.read { db in
            try WrappedKeyRecord.filter(WrappedKeyRecord.Columns.kekVersion < version && WrappedKeyRecord.Columns.destroyedAt == nil)
                .limit(limit).fetchAll(db)
        }
    }

    /// Replaces a key's wrapping if it is still under `oldVersion` and live.
    func rewrap(id: String, from oldVersion: Int, to version: Int, nonce: [UInt8], wrapped: [UInt8]) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE data_keys SET kekVersion = ?, nonce = ?, wrapped = ? WHERE id = ? AND kekVersion = ? AND destroyedAt IS NULL",
                           arguments: [version, Data(nonce), Data(wrapped), id, oldVersion])
        }
    }
}
