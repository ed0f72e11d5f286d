import Foundation
import WarRoomModel
import GRDB
import GRDBSQLite
import WarRoomStore

/// The war room in one SQLite file in WAL mode, through GRDB: the default,
/// nothing to set up. Every war room, collector and CLI call on the bastion
/// opens the same file.
public final class SQLiteBackend: StoreBackend {
    public let location: String
    public let isReadOnly: Bool
    let pool: any DatabaseWriter
    /// Set when a read-only user opened a WAL file without its -wal and -shm:
    /// reads go through it (an immutable snapshot until a writer is back).
    let snapshot: SnapshotReader?
    /// The device and inode of the file when it was opened: SQLite keeps
    /// writing to a file that was deleted or replaced under it, and those
    /// writes would be lost to everyone else.
    let identity: FileIdentity

    /// Opens (and when writable, creates or migrates) the file. A file it
    /// creates gets `sharing`'s group and mode.
    public init(path: String, readOnly: Bool = false, createDirectory: Bool = false,
                sharing: DatabaseSharing = DatabaseSharing()) throws {
        location = path
        isReadOnly = readOnly
        let writable = !readOnly
        let existed = try DatabaseFileCheck.check(path: path, writable: writable, createDirectory: createDirectory)

        var config = Configuration()
        config.busyMode = .timeout(WarRoomStore.busyTimeout)
        config.readonly = !writable
        config.maximumReaderCount = 4
        config.label = "warroom"
        config.prepareDatabase { db in
            if writable {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // A kept -wal file is reused, not deleted: cap what it keeps.
                try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
                // Keep the -wal and -shm files when the last writer closes:
                // a user who may only read the directory cannot create them,
                // and SQLite can read a WAL database only through them.
                var persist: Int32 = 1
                _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
            } else {
                try db.execute(sql: "PRAGMA query_only = 1")
            }
        }

        if writable {
            let lock = try DirectoryLock(directory: DatabaseFileCheck.directory(of: path))
            defer { lock.release() }
            if !existed { try sharing.create(path: path) }
            // On a plain connection first: the pool switches the file to WAL.
            try SQLiteErrors.map(path) {
                try DatabaseQueue(path: path, configuration: config).read { try SchemaCheck.refuseForeignOrNewer($0, path: path) }
            }
            let pool = try SQLiteErrors.map(path) { try DatabasePool(path: path, configuration: config) }
            self.pool = pool
            snapshot = nil
            identity = FileIdentity(path: path) ?? FileIdentity(device: 0, inode: 0)
            try SQLiteErrors.map(path) {
                try Schema.migrator.migrate(pool)
                try pool.write { db in
                    let v = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                    if v != Schema.version { try db.execute(sql: "PRAGMA user_version = \(Schema.version)") }
                }
            }
            DatabaseSharing.alignSideFiles(path: path)
        } else {
            guard existed else { throw WarRoomError.databaseMissing(path) }
            if SnapshotReader.isNeeded(path: path) {
                let reader = try SnapshotReader(path: path, configuration: config)
                snapshot = reader
                pool = reader.immutable
            } else {
                snapshot = nil
                pool = try SQLiteErrors.map(path) { try DatabasePool(path: path, configuration: config) }
            }
            identity = FileIdentity(path: path) ?? FileIdentity(device: 0, inode: 0)
            try SQLiteErrors.map(path) {
                try readDatabase { try SchemaCheck.refuseForeignOrNewer($0, path: path) }
                let applied = try readDatabase { db in try Schema.migrator.hasCompletedMigrations(db) }
                if !applied {
                    throw WarRoomError.databaseFailed(path, reason: "not initialised (or from an older warroom); run `warroom init` as a user who may write it")
                }
            }
        }
    }

    /// An immediate transaction (GRDB's default for writes): a deferred one
    /// that reads and then writes can fail with SQLITE_BUSY under contention.
    public func write<T>(_ body: (SQLConnection) throws -> T) throws -> T {
        try SQLiteErrors.map(location) { try pool.write { db in try body(SQLiteConnection(db)) } }
    }

    public func read<T>(_ body: (SQLConnection) throws -> T) throws -> T {
        try SQLiteErrors.map(location) { try readDatabase { db in try body(SQLiteConnection(db)) } }
    }

    /// A read on the pool, or through the snapshot reader when there is one.
    func readDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        if let snapshot { return try snapshot.read(body) }
        return try pool.read(body)
    }

    public func checkStillThere() throws {
        guard let now = FileIdentity(path: location) else {
            throw WarRoomError.databaseFailed(location, reason: "the file was deleted while warroom had it open; nothing was written. Restore it (or `warroom init`) and start warroom again")
        }
        guard now == identity else {
            throw WarRoomError.databaseFailed(location, reason: "the file was replaced while warroom had it open; nothing was written. Start warroom again to use the new file")
        }
        // Another process (a newer warroom) migrated the file under us: this
        // build would write rows the new schema does not expect.
        let applied = try SQLiteErrors.map(location) { try readDatabase { try SchemaCheck.appliedCount($0) } }
        guard applied <= Schema.version else {
            throw WarRoomError.databaseFailed(location, reason: "a newer warroom upgraded the file to schema version \(applied) while this one (version \(Schema.version)) had it open; nothing was written. Quit and start the newer warroom")
        }
    }

    public func makeChangeProbe() throws -> ChangeProbe {
        if let snapshot { return SnapshotChangeProbe(reader: snapshot) }
        return try SQLiteChangeProbe(path: location)
    }

    public func schemaVersion() throws -> Int {
        try SQLiteErrors.map(location) { try readDatabase { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 } }
    }

    /// `PRAGMA integrity_check`: "ok" or the problems SQLite found.
    public func integrityCheck() throws -> String {
        try SQLiteErrors.map(location) {
            try readDatabase { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
        }
    }
}

extension WarRoomStore {
    /// The schema version this build writes.
    public static var currentSchemaVersion: Int { Schema.version }
}
