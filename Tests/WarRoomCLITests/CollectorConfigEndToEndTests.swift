import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("Who runs the collectors, a config that changes, sources the holder cannot read")
    struct CollectorConfigEndToEndTests {
        @Test("a war room opened before /etc/warroom/warroom.yaml existed takes the lease when it appears; an edit adds a collector, a broken edit changes nothing, removal stops them")
        func followsTheDefaultConfigFile() throws {
            let scratch = Scratch()
            #expect(try CLIRunner.run(["init", "--db", scratch.db]).status == 0)
            let etc = scratch.dir + "/etc-warroom", upper = scratch.dir + "/upper", work = scratch.dir + "/work"
            for dir in [etc, upper, work] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            // The war room in a mount namespace of its own, where /etc/warroom
            // is `etc` (over an overlay of /etc): the machine's /etc is untouched.
            let inner = "mount -t overlay overlay -o lowerdir=/etc,upperdir='\(upper)',workdir='\(work)' /etc"
                + " && mkdir -p /etc/warroom && mount --bind '\(etc)' /etc/warroom"
                + " && exec env -u WARROOM_CONFIG '\(CLIRunner.binary)' --db '\(scratch.db)'"
            let tmux = try TmuxSession(width: 160, height: 40, command: "unshare -m sh -c \"\(inner)\"; sleep 60")
            #expect(tmux.waitFor("1 Status", seconds: 10), "\(tmux.screen())")
            let store = try WarRoomStore(path: scratch.db, mode: .readOnly)
            #expect(try store.collectorLease() == nil, "no config, no collectors")

            let config = etc + "/warroom.yaml"
            func write(_ text: String) throws { try text.write(toFile: config, atomically: true, encoding: .utf8) }
            func health(_ name: String) throws -> CollectorHealth? { try store.collectorHealth().first { $0.name == name } }
            let first = "heartbeat: 1s\ncollectors:\n  - {name: first, type: exec, interval: 200ms, command: [/bin/true]}\n"
            try write(first)
            #expect(try waitFor(10) { try health("first") != nil } != nil, "the war room never took the config up: \(tmux.screen())")
            let holder = try #require(try store.collectorLease()?.holder)
            #expect(holder.hasPrefix("warroom "), "\(holder)")

            // An edit that adds a collector: started beside the first, same holder.
            try write(first + "  - {name: second, type: exec, interval: 200ms, command: [/bin/true]}\n")
            #expect(try waitFor(10) { try health("second") != nil } != nil, "the edit was not taken up: \(tmux.screen())")
            #expect(try store.collectorLease()?.holder == holder)

            // A broken edit: said on the status line; the collectors run as before.
            try write("heartbeat: 1s\ncollectors:\n  - {name: first, type: exec, interval: 200ms, command: [/bin/true]\n")
            #expect(tmux.waitFor("not applied, the collectors run as before", seconds: 10), "\(tmux.screen())")
            let runs = try #require(try health("second")).runs
            #expect(try waitFor(10) { (try health("second")?.runs ?? 0) > runs + 2 } != nil, "the second collector stopped")
            #expect(try store.collectorLease()?.holder == holder)

            // The file removed: the collectors stop and the lease is given up.
            try FileManager.default.removeItem(atPath: config)
            #expect(try waitFor(10) { try store.collectorLease() == nil } != nil, "still holding the lease: \(tmux.screen())")
            #expect(tmux.waitFor("was removed; no collectors run"), "\(tmux.screen())")
        }

        @Test("collectors_run_by: service: a war room never takes the lease, not even when it lapses; warroom collect does")
        func serviceOnly() throws {
            let scratch = Scratch()
            #expect(try CLIRunner.run(["init", "--db", scratch.db]).status == 0)
            let config = scratch.dir + "/warroom.yaml"
            try "heartbeat: 200ms\ncollectors_run_by: service\ncollectors:\n  - {name: tick, type: exec, interval: 200ms, command: [/bin/true]}\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
            let tmux = try TmuxSession(width: 160, height: 40,
                                       command: "'\(CLIRunner.binary)' --db '\(scratch.db)' --config '\(config)'; sleep 60")
            #expect(tmux.waitFor("nobody runs the collectors: the config leaves them to `warroom collect`", seconds: 10), "\(tmux.screen())")
            let store = try WarRoomStore(path: scratch.db, mode: .readOnly)
            #expect(try store.collectorLease() == nil)

            let collect = try CollectProcess(scratch: scratch, config: config)
            #expect(waitFor(10) { collect.messages.contains("running 1 collector") } != nil, "\(collect.messages)")
            #expect(try store.collectorLease()?.holder.hasSuffix("pid \(collect.pid)") == true)
            #expect(collect.stop(SIGKILL) == 128 + SIGKILL)
            // The lease lapses (0.3 s); five heartbeats later it is still the dead service's.
            #expect(try waitFor(5) { (try store.collectorLease()?.expiresAt ?? .distantFuture) < Date() } != nil)
            Thread.sleep(forTimeInterval: 1)
            let lease = try #require(try store.collectorLease())
            #expect(lease.holder.hasSuffix("pid \(collect.pid)") && lease.expiresAt < Date(), "the war room took it: \(lease.holder)")
        }

        @Test("a war room of a user outside the source's group: the status board and warroom collectors say which file, as whom, and who could")
        func unreadableSources() throws {
            let team = try ThrowawayTeam(), scratch = Scratch()
            // A short path, as /var/log/auth.log is, so the status board's lines hold it whole.
            let dir = "/tmp/" + team.group
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let log = dir + "/secure.log", plugin = dir + "/check_queue"
            try "an old line\n".write(toFile: log, atomically: true, encoding: .utf8)
            try "#!/bin/sh\necho 'QUEUE OK'\n".write(toFile: plugin, atomically: true, encoding: .utf8)
            chown(log, 0, team.gid); chmod(log, 0o640)
            chown(plugin, 0, team.gid); chmod(plugin, 0o750)
            let config = scratch.dir + "/warroom.yaml"
            try """
                heartbeat: 1s
                collectors:
                  - {name: secure, type: logfile, path: '\(log)', interval: 200ms}
                  - {name: queue, type: nagios, command: '\(plugin) -w 5', interval: 200ms}
                  - {name: probe, type: exec, command: ['\(plugin)'], interval: 200ms}
                """.write(toFile: config, atomically: true, encoding: .utf8)
            #expect(try CLIRunner.run(["init", "--db", scratch.db]).status == 0)
            team.set(scratch.db, owner: team.lead, group: "root", mode: 0o660)
            let tmux = try TmuxSession(width: 250, height: 50, command:
                "/usr/sbin/runuser -u \(team.lead) -- '\(CLIRunner.binary)' --db '\(scratch.db)' --config '\(config)'; sleep 60")

            let cannotRead = "cannot read \(log) as \(team.lead) (root:\(team.group) 0640)"
            let cannotRun = "cannot run \(plugin) as \(team.lead) (root:\(team.group) 0750)"
            let who = "; run the collectors as a user in group \(team.group) (warroom collect as a service)"
            // The status board's lines, joined where it wrapped them.
            func board() -> String {
                tmux.screen().split(separator: "\n").compactMap { row in
                    let cells = row.split(separator: "│", omittingEmptySubsequences: false)
                    return cells.count > 1 ? cells[1].trimmingCharacters(in: .whitespaces) : nil
                }.joined(separator: " ")
            }
            let shown = waitFor(10) { board().contains("⚠ collector secure failing") && board().contains(cannotRead + who) }
            #expect(shown != nil, "\(tmux.screen())")
            let store = try WarRoomStore(path: scratch.db, mode: .readOnly)
            #expect(try waitFor(10) { try store.collectorHealth().filter(\.isFailing).count == 3 } != nil,
                    "\((try? store.collectorHealth()) ?? [])")
            let errors = Dictionary(uniqueKeysWithValues: try store.collectorHealth().map { ($0.name, $0.lastError ?? "") })
            #expect(errors["secure"] == cannotRead + who)
            #expect(errors["queue"] == cannotRun + who)
            #expect(errors["probe"] == cannotRun + who)
            let check = try #require(try store.checks().first { $0.name == "queue" })
            #expect(check.state == .unknown && check.output == "UNKNOWN: " + cannotRun + who)
            let table = try CLIRunner.run(["collectors", "--db", scratch.db])
            #expect(table.stdout.contains(cannotRead + who) && table.stdout.contains(cannotRun + who), "\(table.stdout)")
        }
    }
}
