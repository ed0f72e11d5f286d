import Foundation
import WarRoomModel
import GRDB
import GRDBSQLite
import WarRoomStore

/// SQLite's SQLITE_TRANSIENT (a macro Swift cannot import): copy the bytes.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// The store's `SQLConnection` over one GRDB connection, for the length of
/// one transaction. Statements are GRDB's cached prepared statements, so the
/// same SQL is parsed once per connection.
final class SQLiteConnection: SQLConnection {
    let db: Database

    init(_ db: Database) { self.db = db }

    var dialect: SQLDialect { SQLiteDialect() }

    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func fetchAll(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = SQLRow.Columns(statement.columnNames)
        let count = statement.columnCount
        var rows: [SQLRow] = []
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            var values: [SQLValue] = []
            values.reserveCapacity(count)
            for i in 0..<count { values.append(Self.value(row[i] as DatabaseValue)) }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    /// The ingest hot loop binds through the C API: same statement, same
    /// transaction, without a StatementArguments per row (that cost a third
    /// of ingest's time).
    func insertLogLines(_ records: [LogRecord]) throws -> Int64 {
        let insert = try db.cachedStatement(sql: "INSERT INTO log_line(source, at, level, text) VALUES (?, ?, ?, ?)")
        let h = insert.sqliteStatement
        for var r in records {
            sqlite3_reset(h)
            r.source.withUTF8 { _ = sqlite3_bind_text(h, 1, $0.baseAddress, Int32($0.count), transient) }
            sqlite3_bind_int64(h, 2, r.at.millis)
            sqlite3_bind_int64(h, 3, Int64(r.level.rawValue))
            r.text.withUTF8 { _ = sqlite3_bind_text(h, 4, $0.baseAddress, Int32($0.count), transient) }
            try step(h)
        }
        sqlite3_reset(h)
        return db.lastInsertedRowID
    }

    /// `warroom copy`'s rows, bound through the C API as the ingest loop is:
    /// a million log lines would otherwise build a million StatementArguments.
    func insertRows(into table: String, columns: [String], _ rows: [[SQLValue]]) throws {
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let insert = try db.cachedStatement(sql: "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES (\(marks))")
        let h = insert.sqliteStatement
        for row in rows {
            sqlite3_reset(h)
            for (i, value) in row.enumerated() {
                let position = Int32(i + 1)
                switch value {
                case .null: sqlite3_bind_null(h, position)
                case .integer(let v): sqlite3_bind_int64(h, position, v)
                case .real(let v): sqlite3_bind_double(h, position, v)
                case .text(var t): t.withUTF8 { _ = sqlite3_bind_text(h, position, $0.baseAddress, Int32($0.count), transient) }
                }
            }
            try step(h)
        }
        sqlite3_reset(h)
    }

    private func step(_ h: OpaquePointer) throws {
        let rc = sqlite3_step(h)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    static func arguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.values.map { value -> DatabaseValueConvertible? in
            switch value {
            case .null: return nil
            case .integer(let v): return v
            case .real(let v): return v
            case .text(let t): return t
            }
        })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let v): return .integer(v)
        case .double(let v): return .real(v)
        case .string(let t): return .text(t)
        case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
        }
    }
}

/// SQLite's spelling of what differs.
struct SQLiteDialect: SQLDialect {
    func jsonText(_ column: String, key: String) -> String { "json_extract(\(column), '$.\(key)')" }
    func greatest(_ a: String, _ b: String) -> String { "max(\(a), \(b))" }
    func least(_ a: String, _ b: String) -> String { "min(\(a), \(b))" }
    /// AUTOINCREMENT's `sqlite_sequence` and a rowid's next value already
    /// follow the largest id inserted, given or not.
    func identityCatchUp(table: String, column: String) -> String? { nil }
}
