import Foundation
import WarRoomModel

extension WarRoomStore {
    /// A table `warroom copy` moves, and how it is read and checked.
    struct CopiedTable: Sendable {
        let name: String
        /// The primary key: rows are read in pages in its order, so a
        /// million log lines never sit in memory at once.
        let key: String
        /// Whether `key` is a generated id: its sum and maximum are checked
        /// too, and the destination's next id is moved past it.
        let isIdentity: Bool
        /// What the summary calls its rows.
        let label: String
    }

    /// What a war room is, parents before the rows that name them (events,
    /// tasks and alerts name an incident). Positions are copied with the
    /// lines read up to them, so a log file collector moved to the
    /// destination resumes where it was.
    static let copiedTables: [CopiedTable] = [
        CopiedTable(name: "incident", key: "id", isIdentity: true, label: "incidents"),
        CopiedTable(name: "event", key: "id", isIdentity: true, label: "events"),
        CopiedTable(name: "task", key: "id", isIdentity: true, label: "tasks"),
        CopiedTable(name: "alert", key: "id", isIdentity: true, label: "alerts"),
        CopiedTable(name: "service_check", key: "id", isIdentity: true, label: "checks"),
        CopiedTable(name: "log_line", key: "id", isIdentity: true, label: "log lines"),
        CopiedTable(name: "setting", key: "key", isIdentity: false, label: "settings"),
        CopiedTable(name: "collector_health", key: "name", isIdentity: false, label: "collectors"),
        CopiedTable(name: "collector_position", key: "name", isIdentity: false, label: "log file positions"),
    ]

    /// The schema's other tables, and why they stay behind (besides each
    /// backend's record of migrations): a test holds every table to be in
    /// one list or the other, so a new table is not silently left out.
    static let tablesNotCopied: [String: String] = [
        "change_counter": "the destination's own: every topic is bumped instead, so its open war rooms reload",
        "collector_lease": "names a process running collectors on the source; the first collector on the destination takes it",
    ]

    /// Rows read and written at a time (a few MB of log lines).
    static let copyBatch = 5_000

    /// How many rows of one table were copied (and found in the destination).
    public struct CopiedRows: Sendable, Equatable {
        public let label: String
        public let rows: Int
    }

    /// Copies this war room, whole and with its ids, into `destination`,
    /// which must hold none. This store is read in one snapshot, so a copy
    /// of a live war room is consistent (what is written after it is not
    /// copied); the destination is written in one transaction that checks
    /// each table against the source before it commits, so it gets all of
    /// it or nothing. The destination's settings (log retention, cadence)
    /// become the source's. Every topic is bumped: war rooms open on the
    /// destination reload everything.
    public func copy(to destination: WarRoomStore) throws -> [CopiedRows] {
        try read { source in
            try destination.write(touching: Set(ChangeTopic.allCases)) { target in
                try Self.refuseWarRoom(in: target, location: destination.path)
                try target.execute("DELETE FROM setting")
                return try Self.copiedTables.map { table in
                    try Self.copyRows(of: table, from: source, to: target)
                    if table.isIdentity, let catchUp = target.dialect.identityCatchUp(table: table.name, column: table.key) {
                        _ = try target.fetchAll(catchUp)
                    }
                    let expected = try Self.fingerprint(of: table, in: source)
                    let copied = try Self.fingerprint(of: table, in: target)
                    guard copied == expected else {
                        throw WarRoomError.databaseFailed(destination.path, reason: "the copy of \(table.name) does not match the source "
                            + "(\(copied) against \(expected)); nothing was written")
                    }
                    return CopiedRows(label: table.label, rows: expected.rows)
                }
            }
        }
    }

    /// A copy never merges: ids would collide, and two war rooms' timelines
    /// would interleave. Settings alone are not a war room (`warroom init
    /// --log-retention` writes one).
    static func refuseWarRoom(in db: SQLConnection, location: String) throws {
        var held: [String] = []
        for table in copiedTables where table.name != "setting" {
            let rows = try db.scalar(Int.self, "SELECT count(*) FROM \(table.name)") ?? 0
            if rows > 0 { held.append("\(table.label) \(rows)") }
        }
        guard held.isEmpty else {
            throw WarRoomError.invalid("\(location) already holds a war room (\(held.joined(separator: ", "))); "
                                       + "copy only into an empty war room; nothing was written")
        }
    }

    /// Pages through the source in key order (`key > last`, not OFFSET, so
    /// each page costs the same) and writes each page in one bulk insert.
    static func copyRows(of table: CopiedTable, from source: SQLConnection, to target: SQLConnection) throws {
        var last: SQLValue?
        repeat {
            let rows: [SQLRow]
            if let last {
                rows = try source.fetchAll("SELECT * FROM \(table.name) WHERE \(table.key) > ? ORDER BY \(table.key) LIMIT ?", [last, copyBatch])
            } else {
                rows = try source.fetchAll("SELECT * FROM \(table.name) ORDER BY \(table.key) LIMIT ?", [copyBatch])
            }
            guard let lastRow = rows.last else { return }
            try target.insertRows(into: table.name, columns: lastRow.columns.names, rows.map(\.values))
            last = rows.count == copyBatch ? lastRow.value(table.key) : nil
        } while last != nil
    }

    /// What is compared between source and destination: more than a count
    /// at the cost of one scan of the primary key.
    struct TableFingerprint: Equatable, CustomStringConvertible {
        let rows: Int
        let idSum: Int64
        let maxID: Int64

        var description: String { "\(rows) rows, ids summing to \(idSum), up to \(maxID)" }
    }

    static func fingerprint(of table: CopiedTable, in db: SQLConnection) throws -> TableFingerprint {
        let ids = table.isIdentity ? "coalesce(sum(\(table.key)), 0) AS id_sum, coalesce(max(\(table.key)), 0) AS max_id"
                                   : "0 AS id_sum, 0 AS max_id"
        guard let row = try db.fetchOne("SELECT count(*) AS n, \(ids) FROM \(table.name)") else {
            return TableFingerprint(rows: 0, idSum: 0, maxID: 0)
        }
        return TableFingerprint(rows: row["n"], idSum: row["id_sum"], maxID: row["max_id"])
    }
}
