import Foundation
import GRDB
import Testing
@testable import WarRoomCore
@testable import WarRoomStore
@testable import WarRoomSQLite

/// A read-only handle (`warroom status`) writes nothing at all, not even
/// scratch space: SQLite's read-only flag still lets a connection create
/// TEMP tables; `PRAGMA query_only` is what refuses them.
@Suite("A read-only store")
struct ReadOnlyStoreTests {
    @Test("refuses even a temporary table, on every connection it has")
    func refusesTempTable() throws {
        let db = TempDatabase()
        try db.store().post(.chat, text: "hi")
        let ro = try WarRoomStore(path: db.path, mode: .readOnly)
        #expect(throws: WarRoomError.self) { try ro.read { try $0.execute("CREATE TEMP TABLE scratch(x)") } }
        #expect(throws: DatabaseError.self) {
            try (ro.backend as! SQLiteBackend).pool.writeWithoutTransaction { try $0.execute(sql: "CREATE TEMP TABLE scratch(x)") }
        }
        #expect(try ro.timeline().count == 1)
    }
}
