import Foundation
import GRDB
import GRDBSQLite

/// SQLite's SQLITE_TRANSIENT (a macro Swift cannot import): copy the bytes.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension WarRoomStore {
    /// Lines kept when no retention was set: about 200 MB of typical logs.
    public static let defaultLogRetention = 2_000_000

    /// Writes a batch of log lines in one transaction and drops the oldest
    /// lines beyond the retention. Returns the id of the last line written.
    @discardableResult
    public func ingest(_ records: [LogRecord]) throws -> Int64 {
        guard !records.isEmpty else { return try read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM log_line") ?? 0 } }
        return try write(touching: [.logs]) { db in try insertLogs(db, records) }
    }

    func insertLogs(_ db: Database, _ records: [LogRecord]) throws -> Int64 {
        // The ingest hot loop binds through the C API: same statement,
        // same transaction, without a StatementArguments per row.
        let insert = try db.cachedStatement(sql: "INSERT INTO log_line(source, at, level, text) VALUES (?, ?, ?, ?)")
        let h = insert.sqliteStatement
        for var r in records {
            sqlite3_reset(h)
            r.source.withUTF8 { _ = sqlite3_bind_text(h, 1, $0.baseAddress, Int32($0.count), transient) }
            sqlite3_bind_int64(h, 2, r.at.millis)
            sqlite3_bind_int64(h, 3, Int64(r.level.rawValue))
            r.text.withUTF8 { _ = sqlite3_bind_text(h, 4, $0.baseAddress, Int32($0.count), transient) }
            let rc = sqlite3_step(h)
            guard rc == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
        }
        sqlite3_reset(h)
        let last = db.lastInsertedRowID
        let keep = try logRetention(db)
        if last > Int64(keep) {
            try db.cachedStatement(sql: "DELETE FROM log_line WHERE id <= ?").execute(arguments: [last - Int64(keep)])
        }
        return last
    }

    /// How many log lines the file keeps (oldest go first).
    public func logRetention() throws -> Int {
        try read { db in try logRetention(db) }
    }

    public func setLogRetention(_ lines: Int) throws {
        guard lines >= 1000 else { throw WarRoomError.invalid("log retention must be at least 1000 lines") }
        try write(touching: [.settings]) { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting(key, value) VALUES ('log.retention_lines', ?)",
                           arguments: [String(lines)])
        }
    }

    func logRetention(_ db: Database) throws -> Int {
        let text = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'log.retention_lines'")
        return text.flatMap { Int($0) } ?? Self.defaultLogRetention
    }

    /// Log lines newer than `afterID`, oldest first, at most `limit`.
    public func logLines(afterID: Int64 = 0, source: String? = nil, limit: Int = 1000) throws -> [LogLine] {
        try read { db in
            let sql = source == nil
                ? "SELECT * FROM log_line WHERE id > ? ORDER BY id LIMIT ?"
                : "SELECT * FROM log_line WHERE id > ? AND source = ? ORDER BY id LIMIT ?"
            let args: StatementArguments = source == nil ? [afterID, limit] : [afterID, source, limit]
            return try Row.fetchAll(db, sql: sql, arguments: args).map(LogLine.init(row:))
        }
    }

    /// The newest `limit` lines (optionally only those after `afterID`, or
    /// before `beforeID`), oldest first. A reader that follows the tail asks
    /// for the newest lines after the last one it holds: however many
    /// commits landed since, it ends on the newest line.
    public func logTail(limit: Int, afterID: Int64? = nil, beforeID: Int64? = nil, source: String? = nil) throws -> [LogLine] {
        try read { db in
            var clauses: [String] = []
            var args: StatementArguments = []
            if let afterID { clauses.append("id > ?"); _ = args.append(contentsOf: [afterID]) }
            if let beforeID { clauses.append("id < ?"); _ = args.append(contentsOf: [beforeID]) }
            if let source { clauses.append("source = ?"); _ = args.append(contentsOf: [source]) }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            _ = args.append(contentsOf: [limit])
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM log_line \(whereSQL) ORDER BY id DESC LIMIT ?", arguments: args)
            return rows.reversed().map(LogLine.init(row:))
        }
    }

    public func logLine(_ id: Int64) throws -> LogLine? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM log_line WHERE id = ?", arguments: [id]).map(LogLine.init(row:)) }
    }

    public func logLineCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM log_line") ?? 0 }
    }

    /// Pins a log line to an incident's timeline, quoting it whole.
    @discardableResult
    public func pinLogLine(_ id: Int64, incidentID: Int64) throws -> TimelineEvent {
        let now = clock()
        return try write(touching: [.timeline]) { db in
            _ = try requireIncident(db, incidentID)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM log_line WHERE id = ?", arguments: [id]) else {
                throw WarRoomError.invalid("no log line #\(id) (it may have aged out)")
            }
            let line = LogLine(row: row)
            return try appendEvent(db, incidentID: incidentID, kind: .logPinned, body: line.text,
                                   details: ["source": line.source, "logged_at": ISO8601DateFormatter().string(from: line.at),
                                             "level": line.level.name], at: now)
        }
    }
}
