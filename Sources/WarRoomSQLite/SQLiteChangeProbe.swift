import Foundation
import WarRoomModel
import GRDB
import WarRoomStore

/// The change feed's watcher for an SQLite file: `PRAGMA data_version` on a
/// connection of its own moves whenever any *other* connection commits (in
/// this process or another); only then are the topic counters read.
final class SQLiteChangeProbe: ChangeProbe {
    private let connection: DatabaseQueue
    private var dataVersion = -1

    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        config.label = "warroom.change-feed"
        // The file may have been swapped for a FIFO since the store opened it.
        _ = try DatabaseFileCheck.check(path: path, writable: false, createDirectory: false)
        connection = try SQLiteErrors.map(path) { try DatabaseQueue(path: path, configuration: config) }
    }

    func changedCounters() throws -> [String: Int64]? {
        try connection.inDatabase { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            guard version != dataVersion else { return nil }
            dataVersion = version
            return try Self.counters(db)
        }
    }

    /// Every topic's change counter.
    static func counters(_ db: Database) throws -> [String: Int64] {
        var counters: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT topic, version FROM change_counter") {
            counters[row["topic"]] = row["version"]
        }
        return counters
    }
}
