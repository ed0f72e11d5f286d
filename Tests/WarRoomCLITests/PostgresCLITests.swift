import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    /// The binary with `--db postgresql://…`, against the throwaway cluster.
    @Suite("The binary on PostgreSQL (and the same on SQLite)")
    struct PostgresCLITests {
        @Test("init, chat, incident declare, timeline and status --once work the same on both backends",
              arguments: TestBackend.allCases)
        func aShortIncident(_ backend: TestBackend) throws {
            let scratch = try Scratch(backend)
            let initialised = try CLIRunner.run(["init", "--db", scratch.db])
            #expect(initialised.status == 0, "\(initialised.stderr)")
            #expect(initialised.stdout.contains("schema version \(WarRoomStore.currentSchemaVersion)"), "\(initialised.stdout)")
            #expect(try CLIRunner.run(["chat", "anyone on the API?", "--db", scratch.db]).status == 0)
            let declared = try CLIRunner.run(["incident", "declare", "--title", "Checkout 5xx", "--severity", "SEV2", "--db", scratch.db])
            #expect(declared.status == 0, "\(declared.stderr)")
            let timeline = try CLIRunner.run(["timeline", "--db", scratch.db])
            #expect(timeline.status == 0, "\(timeline.stderr)")
            #expect(timeline.stdout.contains("anyone on the API?") && timeline.stdout.contains("Checkout 5xx"), "\(timeline.stdout)")
            let status = try CLIRunner.run(["status", "--once", "--db", scratch.db])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("Checkout 5xx") && status.stdout.contains("SEV2"), "\(status.stdout)")
        }

        @Test("20 processes × 100 `warroom chat` lines into PostgreSQL at once: all 2,000 present, none twice")
        func twentyWriters() throws {
            let scratch = try Scratch(.postgres)
            #expect(try CLIRunner.run(["init", "--db", scratch.db]).status == 0)
            let results = try ConcurrentWriterTests().shells(20, db: scratch.db) { n in
                "i=0; while [ $i -lt 100 ]; do \"$W\" chat \"writer \(n) line $i\" --db \"$DB\" || exit 1; i=$((i+1)); done"
            }
            for (status, stderr) in results {
                #expect(status == 0)
                #expect(stderr == "", "a writer was refused: \(stderr)")
            }
            let bodies = try scratch.store().timeline(kinds: [.chat]).map(\.body)
            let expected = Set((0..<20).flatMap { n in (0..<100).map { "writer \(n) line \($0)" } })
            #expect(bodies.count == 2000)
            #expect(Set(bodies) == expected)
        }

        @Test("five `warroom init` at once on a new database: each succeeds, each migration is applied once")
        func concurrentInits() throws {
            let scratch = try Scratch(.postgres)
            let results = try ConcurrentWriterTests().shells(5, db: scratch.db) { _ in "\"$W\" init --db \"$DB\"" }
            for (status, stderr) in results {
                #expect(status == 0, "\(stderr)")
            }
            let cluster = try PostgresCluster.shared()
            let applied = try cluster.psql("SELECT count(*) FROM warroom_migrations", database: cluster.databaseName(scratch.db))
            #expect(applied.trimmingCharacters(in: .whitespacesAndNewlines) == String(WarRoomStore.currentSchemaVersion))
        }

        struct Refusal: CustomTestStringConvertible, Sendable {
            var name: String
            /// The URL to use, given the cluster and the seeded database's name.
            var url: @Sendable (PostgresCluster, String) -> String
            var message: String
            var testDescription: String { name }
        }

        static let refusals: [Refusal] = [
            Refusal(name: "a wrong password", url: { c, db in
                c.url(database: db, user: PostgresCluster.passwordRole, password: "wrong-horse")
            }, message: "password authentication failed for user \"\(PostgresCluster.passwordRole)\"; check the password"),
            Refusal(name: "a database that does not exist", url: { c, _ in c.url(database: "no_such_db") },
                    message: "database \"no_such_db\" does not exist on that server; create it (createdb)"),
            Refusal(name: "a server that is down", url: { c, db in
                "postgresql:///\(db)?host=\(c.dir)/gone&port=\(c.port)&user=postgres"
            }, message: "cannot reach the server"),
            Refusal(name: "a role that may only read", url: { c, db in c.url(database: db, user: "lead") },
                    message: "this role may only read: nothing was written"),
        ]

        @Test(arguments: refusals)
        func refused(_ r: Refusal) throws {
            let scratch = try Scratch(.postgres)
            let store = try scratch.store()
            let incident = try store.declare(title: "Checkout 5xx", severity: .sev2)
            let cluster = try PostgresCluster.shared()
            let name = cluster.databaseName(scratch.db)
            try cluster.psql("""
                DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lead') THEN CREATE ROLE lead LOGIN; END IF; END $$;
                GRANT SELECT ON ALL TABLES IN SCHEMA public TO lead;
                """, database: name)
            let before = try store.rowCounts()
            let url = r.url(cluster, name)
            for arguments in [["chat", "hi"], ["incident", "update", "\(incident.id)", "--status", "identified"]] {
                let result = try CLIRunner.run(arguments + ["--db", url])
                #expect(result.status != 0)
                #expect(result.stderr.contains(r.message), "stderr was: \(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "one line, not: \(result.stderr)")
                #expect(!result.stderr.contains("wrong-horse"), "the password must not be shown")
                #expect(result.stdout == "")
            }
            #expect(try store.rowCounts() == before, "nothing was written")
            #expect(try store.incident(incident.id)?.status == .investigating)
        }

        @Test("a lead whose role may only SELECT reads `warroom status --once`")
        func readOnlyLead() throws {
            let scratch = try Scratch(.postgres)
            try scratch.store().declare(title: "Checkout 5xx", severity: .sev1)
            let cluster = try PostgresCluster.shared()
            let name = cluster.databaseName(scratch.db)
            try cluster.psql("""
                DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lead') THEN CREATE ROLE lead LOGIN; END IF; END $$;
                GRANT SELECT ON ALL TABLES IN SCHEMA public TO lead;
                """, database: name)
            let status = try CLIRunner.run(["status", "--once", "--db", cluster.url(database: name, user: "lead")])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("Checkout 5xx"), "\(status.stdout)")
        }

        /// docs/postgresql.md's trigger, as written there, holds a line's
        /// signature (the OS login) to the role that connected.
        @Test("the guide's author trigger: a line signed by the connected role is written; signed by another login role, refused; collectors' lines still recorded")
        func authorTrigger() throws {
            let scratch = try Scratch(.postgres)
            _ = try scratch.store()  // the schema
            let cluster = try PostgresCluster.shared()
            let name = cluster.databaseName(scratch.db)
            let markdown = try String(contentsOfFile: DeploymentGuideTests.sourceRoot + "/docs/postgresql.md", encoding: .utf8)
            let trigger = try #require(DeploymentGuideTests.blocks(markdown, marked: "sql guide").first)
            let me = Author.current
            try cluster.psql("""
                DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(me)') THEN CREATE ROLE "\(me)" LOGIN; END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'someone_else') THEN CREATE ROLE someone_else LOGIN; END IF; END $$;
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "\(me)", someone_else;
                """, database: name)
            try cluster.psql(trigger, database: name)

            let mine = try CLIRunner.run(["chat", "--db", cluster.url(database: name, user: me), "signed by my own role"])
            #expect(mine.status == 0, "\(mine.stderr)")
            let before = try scratch.counts()
            let other = try CLIRunner.run(["chat", "--db", cluster.url(database: name, user: "someone_else"), "signed by me, as someone else"])
            #expect(other.status != 0)
            #expect(other.stderr.contains("warroom signs with your OS login (\(me)), but you connected as role someone_else"),
                    "\(other.stderr)")
            #expect(other.stderr.split(separator: "\n").count == 1)
            #expect(try scratch.counts() == before, "nothing was written")
            // A collector's line is signed with its name, no login role: any
            // writer records it (here a war room run by someone_else).
            let collector = try WarRoomStore(path: cluster.url(database: name, user: "someone_else"))
            try collector.recordChecks([CheckResult(name: "queue", source: "nagios", state: .warning, output: "backlog 1200")])
            #expect(try scratch.store().timeline(kinds: [.checkChanged]).map(\.author) == ["nagios"])
        }
    }
}
