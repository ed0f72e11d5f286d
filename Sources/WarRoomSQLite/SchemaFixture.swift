import Foundation
import GRDB
import WarRoomModel

/// Schema fixtures for the upgrade tests (`warroom-bench --schema-fixture`,
/// run by Tests/WarRoomCoreTests/Fixtures/schema/make-fixture.sh): a file
/// brought to an earlier schema version with that version's migrations,
/// which are the first N of today's (appended, never edited).
public enum SchemaFixture {
    /// Creates `path` or migrates it forward to schema `version` exactly.
    public static func migrate(path: String, toVersion version: Int) throws {
        let migrations = Schema.migrator.migrations
        guard migrations.indices.contains(version - 1) else {
            throw WarRoomError.invalid("schema version \(version) is not one this warroom knows (1…\(migrations.count))")
        }
        let pool = try DatabasePool(path: path)
        try Schema.migrator.migrate(pool, upTo: migrations[version - 1])
        try pool.write { db in try db.execute(sql: "PRAGMA user_version = \(version)") }
        try pool.close()
    }
}
