import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    /// `warroom doctor --db postgresql://…` looks at the server, not at a
    /// file: which server it reached as which role, the schema, and what the
    /// role may do, each problem with its fix.
    @Suite("warroom doctor on PostgreSQL")
    struct PostgresDoctorTests {
        /// Doctor with a config of no collectors, whatever this machine has in /etc.
        static func doctor(_ url: String) throws -> CLIRunner.Result {
            let config = NSTemporaryDirectory() + "warroom-doctor-\(UUID().uuidString).yaml"
            try "collectors: []\n".write(toFile: config, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: config) }
            return try CLIRunner.run(["doctor", "--db", url, "--config", config])
        }

        func doctor(_ url: String) throws -> CLIRunner.Result { try Self.doctor(url) }

        @Test("a writer, a read-only lead, a role without rights, a database without a war room, and no server")
        func roles() throws {
            let scratch = try Scratch(.postgres)
            _ = try scratch.store()
            let cluster = try PostgresCluster.shared()
            let name = cluster.databaseName(scratch.db)
            try cluster.psql("""
                DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lead') THEN CREATE ROLE lead LOGIN; END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'nobody_here') THEN CREATE ROLE nobody_here LOGIN; END IF;
                END $$;
                GRANT SELECT ON ALL TABLES IN SCHEMA public TO lead;
                """, database: name)

            let writer = try doctor(scratch.db)
            #expect(writer.status == 0, "\(writer.stdout)")
            #expect(writer.stdout.contains("ok   connected to \(scratch.db) as role postgres (PostgreSQL 15."))
            #expect(writer.stdout.contains("the primary)"))
            #expect(writer.stdout.contains("ok   schema version 5"))
            #expect(writer.stdout.contains("ok   role postgres may read and write the war room"))
            #expect(writer.stdout.contains("nobody holds the lease"))

            let lead = try doctor(cluster.url(database: name, user: "lead"))
            #expect(lead.status == 0, "\(lead.stdout)")
            #expect(lead.stdout.contains("role lead may read but not write, as a read-only lead"))

            let none = try doctor(cluster.url(database: name, user: "nobody_here"))
            #expect(none.status != 0)
            #expect(none.stdout.contains("FAIL role nobody_here may not read the war room's tables"))
            #expect(none.stdout.contains("fix: GRANT SELECT ON ALL TABLES IN SCHEMA public TO nobody_here"))

            let empty = try cluster.createDatabase()
            let bare = try doctor(empty)
            #expect(bare.status != 0)
            #expect(bare.stdout.contains("FAIL the database holds no war room (not initialised)"))
            #expect(bare.stdout.contains("fix: warroom init --db '\(empty)'"))
            #expect(try cluster.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database: cluster.databaseName(empty))
                    .trimmingCharacters(in: .whitespacesAndNewlines) == "0", "doctor changes nothing")

            let down = try doctor("postgresql:///\(name)?host=\(scratch.dir)&user=postgres")
            #expect(down.status != 0)
            #expect(down.stdout.contains("FAIL database postgresql:///\(name)"))
            #expect(down.stdout.contains("cannot reach the server"))
        }
    }
}
