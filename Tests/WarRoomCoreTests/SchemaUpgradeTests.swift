import Foundation
import GRDB
import Testing
@testable import WarRoomCore
import WarRoomSQLite

/// The committed fixtures (Fixtures/schema/vN.db, made by make-fixture.sh
/// with version N's migrations) opened by today's warroom.
@Suite("Files written by every earlier schema version")
struct SchemaUpgradeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/schema")

    static var earlierVersions: [Int] { Array(1..<WarRoomStore.currentSchemaVersion) }

    /// The N of every committed vN.db: a new fixture is tested without editing this file.
    static let fixtureVersions: [Int] = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
        .compactMap { name in name.hasPrefix("v") && name.hasSuffix(".db") ? Int(name.dropFirst().dropLast(3)) : nil }
        .sorted()

    /// Every row of every table, by column name, in rowid order.
    static func rows(_ path: String) throws -> [String: [[String: DatabaseValue]]] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            var all: [String: [[String: DatabaseValue]]] = [:]
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")
            for table in tables {
                all[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { row in
                    Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, row[$0] as DatabaseValue) })
                }
            }
            return all
        }
    }

    @Test("a fixture is committed for every earlier schema version (make-fixture.sh N makes the next)")
    func everyVersionHasAFixture() {
        #expect(Self.fixtureVersions.starts(with: [1, 2, 3, 4, 5]))
        for version in Self.earlierVersions {
            #expect(FileManager.default.fileExists(atPath: Self.fixtures.appendingPathComponent("v\(version).db").path),
                    "no fixture for schema v\(version): run Tests/WarRoomCoreTests/Fixtures/schema/make-fixture.sh \(version)")
        }
    }

    @Test("today's warroom migrates each, and every row and column reads back", arguments: SchemaUpgradeTests.fixtureVersions)
    func migratesAndKeepsEverything(version: Int) throws {
        let db = TempDatabase()
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("v\(version).db").path, toPath: db.path)
        let before = try Self.rows(db.path)
        #expect(before["incident"]?.count == 2, "the fixture holds its data")

        let store = try WarRoomStore(path: db.path)
        #expect(try store.schemaVersion() == WarRoomStore.currentSchemaVersion)
        #expect(try store.integrityCheck() == "ok")

        // Every value written at version N is there, unchanged, after the migration.
        let after = try Self.rows(db.path)
        for (table, rows) in before {
            let now = try #require(after[table], "table \(table) is gone")
            // A migration may add rows (v2 adds the collectors' change counter), never lose one.
            #expect(now.count >= rows.count, "\(table): \(now.count) rows, was \(rows.count)")
            for (old, new) in zip(rows, now) {
                for (column, value) in old {
                    #expect(new[column] == value, "\(table).\(column): \(String(describing: new[column])), was \(value)")
                }
            }
        }

        // And the store reads them as the war room shows them.
        let checkout = try #require(try store.incident(1))
        #expect(checkout.title == "Checkout 502s" && checkout.severity == .sev1 && checkout.status == .identified)
        #expect(checkout.commander == "alice" && checkout.impact == "EU customers cannot pay")
        #expect(checkout.service == (version >= 5 ? "checkout" : nil))
        #expect(try store.incidents(includeResolved: true).count == 2)
        #expect(try store.timeline().map(\.body).contains("rolling back payments-api to v41 — ünïcödé ok"))
        #expect(try store.tasks(incidentID: 1).map(\.text) == ["page the DBA"])
        #expect(try store.alerts(includeResolved: true).map(\.name).sorted()
                == (version >= 5 ? ["CheckoutErrors", "CheckoutLatency", "DiskFull"] : ["CheckoutErrors", "DiskFull"]))
        #expect(try store.alert(1).ackedBy == "bob")
        #expect(try store.checks().map(\.output) == ["HTTP CRITICAL - 502 Bad Gateway"])
        #expect(try store.logLines().map(\.text) == ["upstream returned 502", "retrying in 1s", "Dec  2 04:58:23 api-1 kernel: eth0 link up"])
        #expect(try store.logRetention() == 500_000)
        #expect(try store.collectorHealth().map(\.name) == (version >= 2 ? ["alertmanager"] : []))
        #expect(try store.logFilePosition(collector: "syslog")?.offset == (version >= 3 ? 40960 : nil))

        // And it takes new writes.
        try store.post(.chat, text: "after the upgrade", incidentID: 1)
        #expect(try store.timeline(incidentID: 1).last?.body == "after the upgrade")
    }
}
