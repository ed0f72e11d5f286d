import Foundation
import GRDB
import GRDBSQLite

/// The shared incident timeline: one SQLite file in WAL mode that every
/// war room, collector and CLI call on the bastion reads and writes. All SQL
/// lives in this type and its extensions; callers use its operations.
public final class WarRoomStore: Sendable {
    public enum Mode: Sendable { case readWrite, readOnly }

    public let path: String
    public let mode: Mode
    /// Who this handle writes as: the OS login, unless a simulated source
    /// (the demo, a collector) opens its own handle under its own name.
    public let author: String
    let pool: DatabasePool
    let clock: @Sendable () -> Date
    /// The device and inode of the file when it was opened: SQLite keeps
    /// writing to a file that was deleted or replaced under it, and those
    /// writes would be lost to everyone else.
    let identity: FileIdentity

    /// How long a write waits for another writer before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// Opens (and for `.readWrite`, creates or migrates) the database. A
    /// file it creates gets `sharing`'s group and mode.
    public init(path: String, mode: Mode = .readWrite, author: String = Author.current,
                createDirectory: Bool = false, sharing: DatabaseSharing = DatabaseSharing(),
                clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.path = path
        self.mode = mode
        self.author = author
        self.clock = clock
        let writable = mode == .readWrite
        let existed = try DatabaseFileCheck.check(path: path, writable: writable, createDirectory: createDirectory)

        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
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
            try Self.mapErrors(path) {
                try DatabaseQueue(path: path, configuration: config).read { try SchemaCheck.refuseForeignOrNewer($0, path: path) }
            }
            pool = try Self.mapErrors(path) { try DatabasePool(path: path, configuration: config) }
            identity = FileIdentity(path: path) ?? FileIdentity(device: 0, inode: 0)
            try Self.mapErrors(path) {
                try Schema.migrator.migrate(pool)
                try pool.write { db in
                    let v = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                    if v != Schema.version { try db.execute(sql: "PRAGMA user_version = \(Schema.version)") }
                }
            }
            DatabaseSharing.alignSideFiles(path: path)
        } else {
            guard existed else { throw WarRoomError.databaseMissing(path) }
            pool = try Self.mapErrors(path) { try DatabasePool(path: path, configuration: config) }
            identity = FileIdentity(path: path) ?? FileIdentity(device: 0, inode: 0)
            try Self.mapErrors(path) {
                try pool.read { try SchemaCheck.refuseForeignOrNewer($0, path: path) }
                let applied = try pool.read { db in try Schema.migrator.hasCompletedMigrations(db) }
                if !applied {
                    throw WarRoomError.databaseFailed(path, reason: "not initialised (or from an older warroom); run `warroom init` as a user who may write it")
                }
            }
        }
    }

    /// Throws when the path no longer names the file this store opened (it
    /// was deleted, or replaced by a restore or a `mv`): what this process
    /// wrote from then on would reach no one. Every write checks first; the
    /// screens check once a second.
    public func checkFile() throws {
        guard let now = FileIdentity(path: path) else {
            throw WarRoomError.databaseFailed(path, reason: "the file was deleted while warroom had it open; nothing was written. Restore it (or `warroom init`) and start warroom again")
        }
        guard now == identity else {
            throw WarRoomError.databaseFailed(path, reason: "the file was replaced while warroom had it open; nothing was written. Start warroom again to use the new file")
        }
    }

    /// The schema version written in the file.
    public func schemaVersion() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    /// The schema version this build writes.
    public static var currentSchemaVersion: Int { Schema.version }

    /// `PRAGMA integrity_check`: "ok" or the problems SQLite found.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// Row counts per table, for tests, `warroom init` and diagnostics.
    public func rowCounts() throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for table in ["incident", "event", "task", "alert", "service_check", "log_line"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    // MARK: - The two roads in and out

    /// A write in an immediate transaction; bumps the given topics' change
    /// counters in the same transaction.
    func write<T>(touching topics: Set<ChangeTopic>, _ body: (Database) throws -> T) throws -> T {
        guard mode == .readWrite else {
            throw WarRoomError.databaseUnwritable(path, reason: "opened read-only")
        }
        try checkFile()
        return try Self.mapErrors(path) {
            try pool.write { db in
                let result = try body(db)
                try Self.bump(db, topics)
                return result
            }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.mapErrors(path) { try pool.read(body) }
    }

    static func bump(_ db: Database, _ topics: Set<ChangeTopic>) throws {
        guard !topics.isEmpty else { return }
        let list = topics.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
        try db.execute(sql: "UPDATE change_counter SET version = version + 1 WHERE topic IN (\(list))")
    }

    /// Turns SQLite's codes into the sentences a user can act on.
    static func mapErrors<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as WarRoomError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                throw WarRoomError.databaseNotSQLite(path)
            case .SQLITE_READONLY:
                throw WarRoomError.databaseUnwritable(path, reason: "the database is read-only here")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                throw WarRoomError.databaseUnreadable(path, reason: error.message ?? "cannot open")
            case .SQLITE_FULL:
                throw WarRoomError.databaseUnwritable(path, reason: "the disk is full; nothing was written")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw WarRoomError.databaseFailed(path, reason: "another process held the database for over \(Int(busyTimeout)) s; nothing was written, try again")
            case .SQLITE_CORRUPT:
                throw WarRoomError.databaseFailed(path, reason: "the file is damaged (\(error.message ?? "corrupt")); restore it from a backup")
            case .SQLITE_IOERR:
                throw WarRoomError.databaseFailed(path, reason: "input/output error (\(error.message ?? "I/O")); is the disk full or gone?")
            default:
                throw WarRoomError.databaseFailed(path, reason: error.message ?? "\(error.resultCode)")
            }
        }
    }
}
