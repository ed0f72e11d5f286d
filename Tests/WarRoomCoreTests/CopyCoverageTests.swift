import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore
@testable import WarRoomStore

/// `warroom copy` names the tables it copies; a table a later migration
/// adds must be put in that list or in the list of those left behind, or
/// copies would silently lose it.
@Suite("What warroom copy copies")
struct CopyCoverageTests {
    @Test("every table of the schema is copied or left behind for a stated reason", arguments: TestBackend.allCases)
    func everyTableAccountedFor(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let sql = backend == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
        let tables = try store.read { try $0.column(String.self, sql) }.filter { !$0.hasSuffix("_migrations") }
        let accounted = WarRoomStore.copiedTables.map(\.name) + WarRoomStore.tablesNotCopied.keys
        #expect(Set(tables) == Set(accounted))
        #expect(accounted.count == Set(accounted).count, "no table in both lists")
    }
}
