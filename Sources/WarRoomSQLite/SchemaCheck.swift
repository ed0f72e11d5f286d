import WarRoomModel
import GRDB

/// Whose tables a SQLite file holds, read before warroom changes anything in
/// it: nothing yet (a new or empty file, to initialise), warroom's, a newer
/// warroom's (refused: this build would not understand it), or another
/// program's (refused: migrating would add ten tables to it and switch it to
/// WAL).
enum SchemaCheck {
    /// Throws `databaseForeign` or `databaseTooNew`; returns when the file is
    /// empty or this warroom's (possibly older).
    static func refuseForeignOrNewer(_ db: Database, path: String) throws {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY name
            """)
        guard !tables.isEmpty else { return }
        let known = Schema.migrator.migrations
        let applied = tables.contains("grdb_migrations")
            ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            : []
        guard let first = known.first, applied.contains(first) else {
            let theirs = tables.first { $0 != "grdb_migrations" } ?? tables[0]
            throw WarRoomError.databaseForeign(path, table: theirs)
        }
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw WarRoomError.databaseTooNew(path, migration: unknown, known: known.count)
        }
    }
}

extension SchemaCheck {
    /// How many of warroom's migrations the file has had: its schema version
    /// (0 for an empty file).
    static func appliedCount(_ db: Database) throws -> Int {
        guard try db.tableExists("grdb_migrations") else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0
    }
}
