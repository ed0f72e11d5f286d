import Foundation
import WarRoomModel

/// The shared incident timeline. Its operations are the war room's verbs
/// (`declare`, `post`, `ackAlert`, `ingest` …) and the reads the panes need;
/// all their SQL lives in this module and is the same for every backend.
/// Where the data lives is the backend's business: an SQLite file (the
/// default, `WarRoomSQLite`) or a PostgreSQL server.
public final class WarRoomStore: Sendable {
    public enum Mode: Sendable { case readWrite, readOnly }

    public let backend: any StoreBackend
    public let mode: Mode
    /// Who this handle writes as: the OS login, unless a simulated source
    /// (the demo, a collector) opens its own handle under its own name.
    public let author: String
    let clock: @Sendable () -> Date

    /// How long a write waits for another writer before giving up.
    public static let busyTimeout: TimeInterval = 30

    public init(backend: any StoreBackend, author: String = Author.current,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.backend = backend
        self.mode = backend.isReadOnly ? .readOnly : .readWrite
        self.author = author
        self.clock = clock
    }

    /// Where the data is: the `--db` value.
    public var path: String { backend.location }

    /// Throws when the database is no longer the one opened (an SQLite file
    /// deleted or replaced under warroom): what this process wrote from then
    /// on would reach no one. Every write checks first; the screens check
    /// once a second.
    public func checkFile() throws { try backend.checkStillThere() }

    /// The schema version written in the database.
    public func schemaVersion() throws -> Int { try backend.schemaVersion() }

    /// The backend's own consistency check: "ok" or the problems it found.
    public func integrityCheck() throws -> String { try backend.integrityCheck() }

    /// Row counts per table, for tests, `warroom init` and diagnostics.
    public func rowCounts() throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for table in ["incident", "event", "task", "alert", "service_check", "log_line"] {
                counts[table] = try db.scalar(Int.self, "SELECT count(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    // MARK: - The two roads in and out

    /// A write in one transaction; bumps the given topics' change counters
    /// in the same transaction, so every feed sees the write and its topics
    /// together.
    @discardableResult
    func write<T>(touching topics: Set<ChangeTopic>, _ body: (SQLConnection) throws -> T) throws -> T {
        guard mode == .readWrite else {
            throw WarRoomError.databaseUnwritable(path, reason: "opened read-only")
        }
        try checkFile()
        return try backend.write { db in
            let result = try body(db)
            try Self.bump(db, topics)
            return result
        }
    }

    func read<T>(_ body: (SQLConnection) throws -> T) throws -> T {
        try backend.read(body)
    }

    static func bump(_ db: SQLConnection, _ topics: Set<ChangeTopic>) throws {
        guard !topics.isEmpty else { return }
        let list = topics.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
        try db.execute("UPDATE change_counter SET version = version + 1 WHERE topic IN (\(list))")
    }
}
