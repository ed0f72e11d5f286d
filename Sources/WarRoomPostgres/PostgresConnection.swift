import Foundation
import WarRoomModel
import WarRoomStore

/// The store's `SQLConnection` over one PostgreSQL session, for the length
/// of one transaction.
final class PostgresConnection: SQLConnection {
    let session: PostgresSession

    init(_ session: PostgresSession) { self.session = session }

    var dialect: SQLDialect { PostgresDialect() }

    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        try session.run(sql, arguments).check().changes
    }

    func fetchAll(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow] {
        try session.run(sql, arguments).rows()
    }

    /// COPY in text format: one round trip for the whole batch, then the
    /// last id this session's COPY took from the sequence.
    func insertLogLines(_ records: [LogRecord]) throws -> Int64 {
        try session.run("COPY \(PostgresLogCopy.target) FROM STDIN").check()
        try session.copyIn(PostgresLogCopy.rows(records))
        return try session.run("SELECT currval(pg_get_serial_sequence('log_line', 'id')) AS id").rows()
            .first.map { $0["id"] as Int64 } ?? 0
    }
}
