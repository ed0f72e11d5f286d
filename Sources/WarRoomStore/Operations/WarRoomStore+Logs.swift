import Foundation
import WarRoomModel

extension WarRoomStore {
    /// Lines kept when no retention was set: about 200 MB of typical logs.
    public static let defaultLogRetention = 2_000_000

    /// Writes a batch of log lines in one transaction and drops the oldest
    /// lines beyond the retention. Returns the id of the last line written.
    @discardableResult
    public func ingest(_ records: [LogRecord]) throws -> Int64 {
        guard !records.isEmpty else { return try read { db in try db.scalar(Int64.self, "SELECT max(id) FROM log_line") ?? 0 } }
        return try write(touching: [.logs]) { db in try insertLogs(db, records) }
    }

    func insertLogs(_ db: SQLConnection, _ records: [LogRecord]) throws -> Int64 {
        // The hot loop is the backend's (a cached prepared statement bound
        // through SQLite's C API; COPY on PostgreSQL).
        let last = try db.insertLogLines(records)
        let keep = try logRetention(db)
        if last > Int64(keep) {
            try db.execute("DELETE FROM log_line WHERE id <= ?", [last - Int64(keep)])
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
            try db.execute("INSERT INTO setting(key, value) VALUES ('log.retention_lines', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           [String(lines)])
        }
    }

    func logRetention(_ db: SQLConnection) throws -> Int {
        let text = try db.scalar(String.self, "SELECT value FROM setting WHERE key = 'log.retention_lines'")
        return text.flatMap { Int($0) } ?? Self.defaultLogRetention
    }

    /// Log lines newer than `afterID`, oldest first, at most `limit`.
    public func logLines(afterID: Int64 = 0, source: String? = nil, limit: Int = 1000) throws -> [LogLine] {
        try read { db in
            let sql = source == nil
                ? "SELECT * FROM log_line WHERE id > ? ORDER BY id LIMIT ?"
                : "SELECT * FROM log_line WHERE id > ? AND source = ? ORDER BY id LIMIT ?"
            let args: SQLArguments = source == nil ? [afterID, limit] : [afterID, source, limit]
            return try db.fetchAll(sql, args).map(LogLine.init(row:))
        }
    }

    /// The newest `limit` lines (optionally only those after `afterID`, or
    /// before `beforeID`), oldest first. A reader that follows the tail asks
    /// for the newest lines after the last one it holds: however many
    /// commits landed since, it ends on the newest line.
    public func logTail(limit: Int, afterID: Int64? = nil, beforeID: Int64? = nil, source: String? = nil) throws -> [LogLine] {
        try read { db in
            var clauses: [String] = []
            var args: SQLArguments = []
            if let afterID { clauses.append("id > ?"); args.append(afterID) }
            if let beforeID { clauses.append("id < ?"); args.append(beforeID) }
            if let source { clauses.append("source = ?"); args.append(source) }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            args.append(limit)
            let rows = try db.fetchAll("SELECT * FROM log_line \(whereSQL) ORDER BY id DESC LIMIT ?", args)
            return rows.reversed().map(LogLine.init(row:))
        }
    }

    public func logLine(_ id: Int64) throws -> LogLine? {
        try read { db in try db.fetchOne("SELECT * FROM log_line WHERE id = ?", [id]).map(LogLine.init(row:)) }
    }

    public func logLineCount() throws -> Int {
        try read { db in try db.scalar(Int.self, "SELECT count(*) FROM log_line") ?? 0 }
    }

    /// Pins a log line to an incident's timeline, quoting it whole.
    @discardableResult
    public func pinLogLine(_ id: Int64, incidentID: Int64) throws -> TimelineEvent {
        let now = clock()
        return try write(touching: [.timeline]) { db in
            _ = try requireIncident(db, incidentID)
            guard let row = try db.fetchOne("SELECT * FROM log_line WHERE id = ?", [id]) else {
                throw WarRoomError.invalid("no log line #\(id) (it may have aged out)")
            }
            let line = LogLine(row: row)
            return try appendEvent(db, incidentID: incidentID, kind: .logPinned, body: line.text,
                                   details: ["source": line.source, "logged_at": ISO8601DateFormatter().string(from: line.at),
                                             "level": line.level.name], at: now)
        }
    }
}

extension WarRoomStore {
    /// The lines logged from `from` to `to` by `sources` (every source when
    /// nil), nearest `center` first on both sides: at most `limit / 2`
    /// before it and the rest from it on, oldest first. Both halves walk the
    /// `log_line_at` index from the center outwards, so a window in a
    /// table of 2,000,000 lines reads the lines it returns, not the table.
    public func logLines(from: Date, to: Date, around center: Date, sources: [String]? = nil, limit: Int = 2000) throws -> [LogLine] {
        try read { db in
            var sourceSQL = ""
            var sourceArgs: [SQLValue] = []
            if let sources {
                guard !sources.isEmpty else { return [] }
                sourceSQL = " AND source IN (\(Self.marks(sources.count)))"
                sourceArgs = sources.map(\.sqlValue)
            }
            let half = max(1, limit / 2)
            let before = try db.fetchAll("""
                SELECT * FROM log_line WHERE at >= ? AND at < ?\(sourceSQL) ORDER BY at DESC, id DESC LIMIT ?
                """, SQLArguments([from.millis.sqlValue, center.millis.sqlValue] + sourceArgs + [half.sqlValue]))
            let after = try db.fetchAll("""
                SELECT * FROM log_line WHERE at >= ? AND at <= ?\(sourceSQL) ORDER BY at, id LIMIT ?
                """, SQLArguments([center.millis.sqlValue, to.millis.sqlValue] + sourceArgs + [max(0, limit - before.count).sqlValue]))
            return (before.reversed() + after).map(LogLine.init(row:))
        }
    }

    /// The sources that logged between `from` and `to` (by the time index).
    public func logSources(from: Date, to: Date) throws -> [String] {
        try read { db in
            try db.fetchAll("SELECT DISTINCT source FROM log_line WHERE at >= ? AND at <= ? ORDER BY source",
                            [from.millis, to.millis]).map { $0["source"] as String }
        }
    }
}
