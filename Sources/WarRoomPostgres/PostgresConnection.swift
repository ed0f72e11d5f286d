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
        try session.run("COPY log_line(source, at, level, text) FROM STDIN").check()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * 96)
        for r in records {
            Self.appendField(r.source, to: &bytes)
            bytes.append(0x09)
            bytes.append(contentsOf: String(r.at.millis).utf8)
            bytes.append(0x09)
            bytes.append(contentsOf: String(r.level.rawValue).utf8)
            bytes.append(0x09)
            Self.appendField(r.text, to: &bytes)
            bytes.append(0x0A)
        }
        try session.copyIn(bytes)
        return try session.run("SELECT currval(pg_get_serial_sequence('log_line', 'id')) AS id").rows()
            .first.map { $0["id"] as Int64 } ?? 0
    }

    /// COPY's text format: backslash, tab, newline and carriage return are
    /// escaped; NUL, which no PostgreSQL text can hold, is shown as ␀.
    static func appendField(_ text: String, to bytes: inout [UInt8]) {
        for b in text.utf8 {
            switch b {
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x00: bytes.append(contentsOf: "\u{2400}".utf8)
            default: bytes.append(b)
            }
        }
    }
}
