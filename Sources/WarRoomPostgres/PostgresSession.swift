import Foundation
import WarRoomModel
import WarRoomStore
import CLibPQ

/// One libpq connection (`PGconn`), used by one thread at a time: the
/// backend's pool hands it to one transaction, the change probe keeps its
/// own. Statements the store runs are prepared once per connection and
/// reused by their SQL.
final class PostgresSession {
    private(set) var conn: OpaquePointer
    private var prepared: [String: String] = [:]

    /// Connects with the user's own string, as libpq reads it: a URI or
    /// key=value pairs, PG* variables, ~/.pgpass, service files, several
    /// hosts with `target_session_attrs`. Throws a one-line error naming
    /// `location` (the string without its password).
    init(conninfo: String, location: String) throws {
        var keys = ["fallback_application_name"]
        var values = ["warroom"]
        // An unreachable host must not hang a CLI command: libpq waits
        // forever by default. The user's own setting wins (it comes later).
        if ProcessInfo.processInfo.environment["PGCONNECT_TIMEOUT"] == nil {
            keys.append("connect_timeout")
            values.append("10")
        }
        keys.append("dbname")
        values.append(conninfo)
        let conn = Self.withCStrings(keys) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else { throw WarRoomError.databaseFailed(location, reason: "out of memory opening a connection") }
        // Before `self.conn` is set: a class whose init throws after
        // that runs its deinit, which would finish the connection again.
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn))
            PQfinish(conn)
            throw PostgresErrors.connectionFailed(location, message: message)
        }
        self.conn = conn
        _ = PQsetClientEncoding(conn, "UTF8")
        // Quiet: NOTICEs (a table that already exists) are not for the terminal.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { PQfinish(conn) }

    var isBroken: Bool { PQstatus(conn) != CONNECTION_OK }
    /// Idle: not inside a transaction (none begun, or one ended).
    var isIdle: Bool { PQtransactionStatus(conn) == PQTRANS_IDLE }

    /// Reads what the server sent without blocking: false when the
    /// connection turned out closed (the server restarted or dropped it).
    func isAlive() -> Bool { PQconsumeInput(conn) == 1 && !isBroken }

    /// Reconnects a broken connection; its prepared statements are gone.
    func reset(location: String) throws {
        PQreset(conn)
        prepared.removeAll()
        guard !isBroken else {
            throw PostgresErrors.connectionFailed(location, message: String(cString: PQerrorMessage(conn)))
        }
    }

    /// A statement without parameters (transaction control, DDL, NOTIFY).
    @discardableResult
    func run(_ sql: String) throws -> PostgresResult {
        PostgresResult(PQexec(conn, sql), conn)
    }

    /// A statement with `?` placeholders and text-format parameters,
    /// prepared on its first use on this connection.
    func run(_ sql: String, _ arguments: SQLArguments) throws -> PostgresResult {
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            name = "w\(prepared.count + 1)"
            try PostgresResult(PQprepare(conn, name, PostgresPlaceholders.numbered(sql), 0, nil), conn).check()
            prepared[sql] = name
        }
        let texts = arguments.values.map(Self.text)
        let count = Int32(texts.count)
        return Self.withOptionalCStrings(texts) { params in
            PostgresResult(PQexecPrepared(conn, name, count, params, nil, nil, 0), conn)
        }
    }

    /// Sends `bytes` as the data of a `COPY … FROM STDIN` already begun.
    func copyIn(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = min(1 << 16, bytes.count - offset)
            let sent = bytes.withUnsafeBufferPointer { buf in
                buf.baseAddress!.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: n) {
                    PQputCopyData(conn, $0, Int32(n))
                }
            }
            guard sent == 1 else { break }
            offset += n
        }
        _ = PQputCopyEnd(conn, offset < bytes.count ? "warroom could not send the lines" : nil)
        var failure: Error?
        while let result = PQgetResult(conn) {
            do { try PostgresResult(result, conn).check() } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }

    /// The text form PostgreSQL parses for each value; nil is SQL NULL.
    static func text(_ value: SQLValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let v): return String(v)
        case .real(let v):
            if v.isNaN { return "NaN" }
            if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
            return String(v)
        // A C string ends at NUL: the one rule for NUL keeps the rest.
        case .text(let t): return TextInput.withoutNUL(t)
        }
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        var copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        copies.append(nil)
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }

    private static func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> R) rethrows -> R {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        return try body(copies.map { $0.map { UnsafePointer($0) } })
    }
}
