import WarRoomModel

/// What the store's operations see of a database inside a transaction: run
/// a statement, fetch rows. Statements use `?` placeholders; a backend whose
/// server numbers them (`$1`) rewrites them. Backends keep prepared
/// statements per connection, so the same SQL is parsed once.
public protocol SQLConnection: AnyObject {
    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int
    func fetchAll(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow]
    /// The dialect's differences, for the few statements that need them.
    var dialect: SQLDialect { get }
    /// Writes log lines the fastest way the backend has (a cached prepared
    /// statement on SQLite, COPY on PostgreSQL); returns the last id written.
    func insertLogLines(_ records: [LogRecord]) throws -> Int64
    /// Writes rows whole, ids included, the backend's fastest way (as
    /// `insertLogLines`): `warroom copy` keeps every id of the source, and
    /// moves millions of log lines. Each row holds one value per column.
    func insertRows(into table: String, columns: [String], _ rows: [[SQLValue]]) throws
}

extension SQLConnection {
    @discardableResult
    public func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    public func fetchAll(_ sql: String) throws -> [SQLRow] { try fetchAll(sql, []) }

    public func fetchOne(_ sql: String, _ arguments: SQLArguments = []) throws -> SQLRow? {
        try fetchAll(sql, arguments).first
    }

    /// The first column of the first row, or nil (no row, or NULL).
    public func scalar<T: SQLDecodable>(_ type: T.Type, _ sql: String, _ arguments: SQLArguments = []) throws -> T? {
        guard let row = try fetchOne(sql, arguments), let first = row.values.first, !first.isNull else { return nil }
        return T.decode(first)
    }

    /// The first column of every row.
    public func column<T: SQLDecodable>(_ type: T.Type, _ sql: String, _ arguments: SQLArguments = []) throws -> [T] {
        try fetchAll(sql, arguments).map { T.decode($0.values.first ?? .null) }
    }

    /// Runs an `INSERT … RETURNING id` and gives the id.
    public func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        guard let id = try scalar(Int64.self, sql + " RETURNING id", arguments) else {
            throw WarRoomError.invalid("the database returned no id for an insert")
        }
        return id
    }
}
