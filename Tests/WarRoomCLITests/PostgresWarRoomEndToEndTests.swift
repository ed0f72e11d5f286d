import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    /// Two "bastions" on one PostgreSQL database: one war room reaches it by
    /// a URL, the other by libpq's PG* variables and a bare
    /// `postgresql:///DB`. What is typed in one shows in the other, also
    /// after the server dropped every session (a restart, a failover).
    @Suite("Two war rooms on PostgreSQL in tmux")
    struct PostgresWarRoomEndToEndTests {
        @Test("a chat line from one war room appears in the other, before and after the server drops their sessions")
        func twoBastions() throws {
            let scratch = try Scratch(.postgres)
            let cluster = try PostgresCluster.shared()
            let name = cluster.databaseName(scratch.db)
            #expect(try CLIRunner.run(["init", "--db", scratch.db]).status == 0)
            let id = try scratch.store().declare(title: "Checkout 5xx", severity: .sev2).id
            let first = try TmuxSession(width: 120, height: 40, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 60")
            let second = try TmuxSession(width: 100, height: 30, command:
                "PGHOST='\(cluster.dir)' PGPORT=\(cluster.port) PGUSER=postgres '\(CLIRunner.binary)' --db 'postgresql:///\(name)'; sleep 60")
            #expect(first.waitFor("#1 SEV2"))
            #expect(second.waitFor("#1 SEV2"))

            first.keys("4")
            first.type("rolling back api to v41")
            first.keys("Enter")
            #expect(second.waitFor("rolling back api to v41", seconds: 3))

            _ = try cluster.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
            second.keys("4")
            second.type("error rate back to 0.1%")
            second.keys("Enter")
            #expect(first.waitFor("error rate back to 0.1%", seconds: 5))
            #expect(try scratch.store().timeline(incidentID: id, kinds: [.chat]).map(\.body)
                    == ["rolling back api to v41", "error rate back to 0.1%"])
            #expect(!first.screen().contains("failed") && !second.screen().contains("failed"))
        }
    }
}
