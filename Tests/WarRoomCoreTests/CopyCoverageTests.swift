import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore
@testable import WarRoomStore

/// `warroom copy` names the tables it copies; a table a later migration
/// adds must be put in that list or in the list of those left behind, or
/// copies would silently lose it. And what it copies is checked.
@Suite("What warroom copy copies, and checks")
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

    @Test("a destination that does not end up matching its source is rolled back whole", arguments: TestBackend.allCases)
    func mismatchRollsBack(_ backend: TestBackend) throws {
        let source = TempDatabase()
        let store = try source.store()
        try store.declare(title: "checkout down", severity: .sev2)
        try store.ingest((1...10).map { LogRecord(source: "api", at: Date(), level: .info, text: "line \($0)") })
        let destination = try TempDatabase(backend)
        let target = try destination.store()
        // A trigger someone left behind swallows log line 5 on its way in.
        try destination.rawSQL(backend == .sqlite
            ? "CREATE TRIGGER swallow BEFORE INSERT ON log_line WHEN NEW.id = 5 BEGIN SELECT RAISE(IGNORE); END"
            : """
              CREATE FUNCTION swallow() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN IF NEW.id = 5 THEN RETURN NULL; END IF; RETURN NEW; END $$;
              CREATE TRIGGER swallow BEFORE INSERT ON log_line FOR EACH ROW EXECUTE FUNCTION swallow();
              """)
        let error = #expect(throws: WarRoomError.self) { try store.copy(to: target) }
        #expect(error?.description.contains("the copy of log_line does not match the source (9 rows") == true, "\(String(describing: error))")
        #expect(error?.description.contains("nothing was written") == true)
        #expect(try target.rowCounts().values.allSatisfy { $0 == 0 }, "the incident copied before log_line was rolled back too")
    }
}
