import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    /// A primary with a hot standby streaming from it (`pg_basebackup -R`),
    /// as a team runs PostgreSQL across two bastions: leads read the standby,
    /// and when the primary dies the standby is promoted and everyone goes on.
    @Suite("PostgreSQL primary and hot standby", .serialized)
    struct PostgresReplicaTests {
        @Test("warroom status on the standby shows an incident declared on the primary, live and with --once")
        func statusOnStandby() throws {
            let (primary, standby) = try PostgresCluster.replicated()
            defer { standby.stop(); primary.stop() }
            let writer = try primary.createDatabase()
            let name = primary.databaseName(writer)
            #expect(try CLIRunner.run(["init", "--db", writer]).status == 0)
            let reader = standby.url(database: name)
            // The standby refuses LISTEN; its feed reads the counters instead.
            let lead = try TmuxSession(width: 120, height: 40, command: "'\(CLIRunner.binary)' status --db '\(reader)'; sleep 60")
            #expect(lead.waitFor("READ-ONLY", seconds: 10))
            #expect(try CLIRunner.run(["incident", "declare", "--db", writer, "--title", "Payments timeouts in eu-west",
                                       "--severity", "SEV1"]).status == 0)
            #expect(lead.waitFor("Payments timeouts in eu-west", seconds: 5), "the lead's screen: \(lead.screen())")

            let once = try CLIRunner.run(["status", "--once", "--db", reader])
            #expect(once.status == 0)
            #expect(once.stdout.contains("Payments timeouts in eu-west"))
            // The guide's string for leads: the standby first, the primary
            // while it is gone.
            let preferring = PostgresCluster.multiHostURL(database: name, [primary, standby], attributes: "prefer-standby")
            let viaBoth = try CLIRunner.run(["status", "--once", "--db", preferring])
            #expect(viaBoth.status == 0 && viaBoth.stdout.contains("Payments timeouts in eu-west"), "\(viaBoth.stderr)")
            #expect(try standby.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)' AND application_name = 'warroom'")
                    .trimmingCharacters(in: .whitespacesAndNewlines) != "0", "the live view reads the standby")
            let doctor = try PostgresDoctorTests.doctor(reader)
            #expect(doctor.status == 0 && doctor.stdout.contains("a hot standby)") && doctor.stdout.contains("writes go to the primary"),
                    "\(doctor.stdout)")
            // A standby takes no writes: one clear line, nothing written.
            let refused = try CLIRunner.run(["chat", "--db", reader, "from the standby"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("read-only"), "\(refused.stderr)")
            #expect(try primary.psql("SELECT count(*) FROM event WHERE body = 'from the standby'", database: name)
                    .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }

        /// The primary crashes while a writer loop runs and a war room is
        /// open, both on one multi-host URL with
        /// `target_session_attrs=read-write`. The war room says the database
        /// is unreachable and keeps its picture; the standby is promoted; the
        /// writer and the war room go on on it. Replication is synchronous,
        /// so every line the writer was told was written is there.
        @Test("failover: stop the primary, promote the standby; the writer and the war room go on, no acknowledged line lost")
        func failover() throws {
            let (primary, standby) = try PostgresCluster.replicated(synchronous: true)
            defer { standby.stop(); primary.stop() }
            let name = primary.databaseName(try primary.createDatabase())
            let url = PostgresCluster.multiHostURL(database: name, [primary, standby])
            #expect(try CLIRunner.run(["init", "--db", url]).status == 0)
            #expect(try CLIRunner.run(["incident", "declare", "--db", url, "--title", "Primary database lost",
                                       "--severity", "SEV1"]).status == 0)
            let room = try TmuxSession(width: 120, height: 40, command: "'\(CLIRunner.binary)' --db '\(url)'; sleep 60")
            #expect(room.waitFor("#1 SEV1", seconds: 10))

            let loop = WriterLoop(url: url)
            loop.start()
            #expect(loop.waitForAcknowledged(10, seconds: 30))
            try primary.stopServer(mode: "immediate")
            let acknowledgedBefore = loop.acknowledged.count
            #expect(room.waitFor("database unreachable, retrying", seconds: 10), "the war room during the outage: \(room.screen())")
            #expect(room.screen().contains("#1 SEV1"), "the last picture stays")
            try standby.promote()
            #expect(loop.waitForAcknowledged(acknowledgedBefore + 10, seconds: 60))
            let last = loop.stop()
            #expect(room.waitFor(last, seconds: 10), "the war room follows the promoted standby: \(room.screen())")
            #expect(room.waitFor("the database is reachable again (unreachable for", seconds: 5), "\(room.screen())")

            room.keys("4")
            room.type("writes are back on the new primary")
            room.keys("Enter")
            let stored = try standby.psql("SELECT body FROM event WHERE kind = 'chat'", database: name)
                .split(separator: "\n").map(String.init)
            let fromRoom = try waitFor(10, every: 0.2) {
                try standby.psql("SELECT count(*) FROM event WHERE body = 'writes are back on the new primary'", database: name)
                    .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
            }
            #expect(fromRoom != nil, "the war room writes on the promoted standby: \(room.screen())")
            let missing = loop.acknowledged.filter { !stored.contains($0) }
            #expect(missing.isEmpty, "acknowledged but not on the new primary: \(missing)")
            #expect(Set(stored).count == stored.count, "no line twice")
            #expect(loop.failures > 0, "the loop saw the outage")
        }
    }
}

/// `warroom chat` run again and again (each a new process, as a script
/// would), remembering the lines whose command exited 0.
final class WriterLoop: @unchecked Sendable {
    private let url: String
    private let lock = NSLock()
    private var done: [String] = []
    private var failed = 0
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    init(url: String) { self.url = url }

    var acknowledged: [String] { lock.withLock { done } }
    var failures: Int { lock.withLock { failed } }

    func start() {
        Thread {
            var n = 0
            while !self.lock.withLock({ self.stopping }) {
                n += 1
                let line = "writer line \(n)"
                let outcome = try? CommandRunner.run([CLIRunner.binary, "chat", "--db", self.url, line], timeout: 30)
                self.lock.withLock {
                    if outcome?.ending == .exited(0) { self.done.append(line) } else { self.failed += 1 }
                }
                if outcome?.ending != .exited(0) { usleep(100_000) }
            }
            self.finished.signal()
        }.start()
    }

    func waitForAcknowledged(_ count: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if acknowledged.count >= count { return true }
            usleep(50_000)
        }
        return false
    }

    /// Stops the loop; returns the last acknowledged line.
    func stop() -> String {
        lock.withLock { stopping = true }
        finished.wait()
        return acknowledged.last ?? ""
    }
}
