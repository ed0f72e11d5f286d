import Foundation
import WarRoomStore
import CLibPQ

/// One `PGresult`, freed with its owner; rows read into the store's
/// `SQLRow` by the column's type: integers and booleans as integers,
/// floating and numeric as reals, everything else as text.
final class PostgresResult {
    private let result: OpaquePointer?
    private let failure: PostgresError?

    init(_ result: OpaquePointer?, _ conn: OpaquePointer) {
        self.result = result
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_EMPTY_QUERY:
            failure = nil
        default:
            failure = PostgresError(result: result, conn: conn)
        }
    }

    deinit { if let result { PQclear(result) } }

    @discardableResult
    func check() throws -> PostgresResult {
        if let failure { throw failure }
        return self
    }

    /// Rows an UPDATE, INSERT or DELETE changed.
    var changes: Int {
        guard let result else { return 0 }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    func rows() throws -> [SQLRow] {
        try check()
        guard let result else { return [] }
        let count = Int(PQntuples(result)), width = PQnfields(result)
        let columns = SQLRow.Columns((0..<width).map { String(cString: PQfname(result, $0)) })
        let kinds = (0..<width).map { Kind(oid: PQftype(result, $0)) }
        var rows: [SQLRow] = []
        rows.reserveCapacity(count)
        for r in 0..<Int32(count) {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(width))
            for c in 0..<width {
                if PQgetisnull(result, r, c) == 1 { values.append(.null); continue }
                values.append(kinds[Int(c)].value(PQgetvalue(result, r, c)))
            }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    /// How a column's text form becomes a value, by its type's OID
    /// (`pg_type`: bool 16, int8 20, int2 21, int4 23, oid 26, float4 700,
    /// float8 701, numeric 1700).
    enum Kind {
        case integer, real, boolean, text

        init(oid: Oid) {
            switch oid {
            case 20, 21, 23, 26: self = .integer
            case 700, 701, 1700: self = .real
            case 16: self = .boolean
            default: self = .text
            }
        }

        func value(_ cString: UnsafePointer<CChar>) -> SQLValue {
            switch self {
            case .integer: return .integer(strtoll(cString, nil, 10))
            case .real: return .real(strtod(cString, nil))
            case .boolean: return .integer(cString.pointee == 0x74 ? 1 : 0)  // 't'
            case .text: return .text(String(cString: cString))
            }
        }
    }
}

/// What the server said when a statement failed: its SQLSTATE and message.
struct PostgresError: Error {
    let sqlState: String
    let message: String

    init(sqlState: String, message: String) {
        self.sqlState = sqlState
        self.message = message
    }

    init(result: OpaquePointer?, conn: OpaquePointer) {
        func field(_ code: UInt8) -> String? {
            guard let result, let p = PQresultErrorField(result, Int32(code)) else { return nil }
            return String(cString: p)
        }
        sqlState = field(UInt8(ascii: "C")) ?? (PQstatus(conn) == CONNECTION_OK ? "XX000" : "08006")
        let primary = field(UInt8(ascii: "M")) ?? String(cString: PQerrorMessage(conn))
        message = primary.split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown error"
    }
}
