import Foundation
import Testing
import WarRoomCore

extension CLITests {
    /// Issue 19: `warroom doctor` checks an installation as the user who runs
    /// it and names each problem with its fix; through the real binary, with
    /// throwaway users for the states that need another user.
    @Suite("warroom doctor")
    struct DoctorTests {
        /// A bastion in miniature: a setgid team directory with a database
        /// root made, a log file and a config that follows it and runs a
        /// program, and the lease held by a live process.
        final class Install {
            let team: ThrowawayTeam
            let scratch = Scratch()
            let dir: String
            let db: String
            let config: String
            let log: String

            init(mode: String = "0660") throws {
                team = try ThrowawayTeam()
                dir = SharedDatabaseTests.teamDirectory(scratch, team)
                db = dir + "/warroom.db"
                config = scratch.dir + "/warroom.yaml"
                log = scratch.dir + "/app.log"
                try "started\n".write(toFile: log, atomically: true, encoding: .utf8)
                chmod(log, 0o644)
                try "collectors:\n  - {name: app, type: logfile, path: \(log)}\n  - {name: probe, type: exec, command: [/bin/true]}\n"
                    .write(toFile: config, atomically: true, encoding: .utf8)
                chmod(config, 0o644)
                let made = try CLIRunner.run(["init", "--db", db, "--mode", mode])
                guard made.status == 0 else { throw HTTPTestError("init: \(made.stderr)") }
                try hold(pid: getpid())
            }

            /// The lease, held in the name of a process on this machine.
            func hold(pid: pid_t, ttl: TimeInterval = 600) throws {
                let store = try WarRoomStore(path: db)
                if let old = try store.collectorLease() { try store.releaseCollectorLease(holder: old.holder) }
                var name = [CChar](repeating: 0, count: 256)
                gethostname(&name, name.count)
                let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                #expect(try store.acquireCollectorLease(holder: "collect warroom@\(host) pid \(pid)", ttl: ttl))
            }

            func doctor(as user: String) throws -> CLIRunner.Result {
                try CLIRunner.run(["doctor", "--db", db, "--config", config], user: user)
            }
        }

        /// The output has `FAIL <what>` and, on the next line, `  fix: <fix>`.
        static func expectProblem(_ result: CLIRunner.Result, _ what: String, fix: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var found = false
            for (line, next) in zip(lines, lines.dropFirst()) where line.hasPrefix("FAIL ") && line.contains(what) {
                if next.hasPrefix("  fix: ") && next.contains(fix) { found = true }
            }
            #expect(found, "no FAIL …\(what)… with fix …\(fix)… in:\n\(result.stdout)", sourceLocation: sourceLocation)
        }

        @Test("a healthy install: every check ok, exit 0, for an SRE and for a lead")
        func healthy() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let install = try Install(mode: "0664")
            // The lead may not read the log: leads never run the collectors.
            chown(install.log, 0, install.team.gid)
            chmod(install.log, 0o640)
            for user in [install.team.sre1, install.team.lead] {
                let result = try install.doctor(as: user)
                #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
                #expect(!result.stdout.contains("FAIL"))
                #expect(result.stdout.hasPrefix("warroom doctor, as \(user) "))
                #expect(result.stdout.contains("ok   directory \(install.dir): root:\(install.team.group) 2775 (setgid"))
                #expect(result.stdout.contains("ok   database \(install.db): root:\(install.team.group) 0664"))
                #expect(result.stdout.contains("ok   collectors run by collect warroom@"))
                #expect(result.stdout.contains("ok   runtime libraries: all "))
            }
            let sre = try install.doctor(as: install.team.sre1).stdout
            #expect(sre.contains("ok   you (\(install.team.sre1)) may read and write \(install.db)"))
            #expect(sre.contains("ok   collector \"app\": you (\(install.team.sre1)) may read \(install.log)"))
            #expect(sre.contains("ok   collector \"probe\": you (\(install.team.sre1)) may run /bin/true"))
            let lead = try install.doctor(as: install.team.lead).stdout
            #expect(lead.contains("ok   you (\(install.team.lead)) may read \(install.db) but not write it"))
            #expect(lead.contains("ok   collectors' log files and programs: not checked for you (\(install.team.lead))"))
        }

        @Test("a database root left 0644: the group may not write it; the SRE is told chmod g+w")
        func fileOnlyRootWrites() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let install = try Install()
            install.team.set(install.db, owner: "root", mode: 0o644)
            let result = try install.doctor(as: install.team.sre1)
            Self.expectProblem(result, "database \(install.db): root:\(install.team.group) 0644: group \(install.team.group) may not read and write it",
                               fix: "chmod g+rw \(install.db)*")
            Self.expectProblem(result, "cannot write to \(install.db): owned by root:\(install.team.group), mode 0644, and you (\(install.team.sre1)) are not the owner",
                               fix: "chmod g+w \(install.db)*")
        }

        @Test("-wal and -shm removed by the sqlite3 CLI: a lead is told a writer must run warroom init, after which all is well")
        func sideFilesMissingForAReader() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let install = try Install(mode: "0664")
            try install.team.sqlite3(install.db, "SELECT count(*) FROM event", user: "root")
            #expect(!FileManager.default.fileExists(atPath: install.db + "-wal"))
            let result = try install.doctor(as: install.team.lead)
            Self.expectProblem(result, "\(install.db)-wal and \(install.db)-shm missing", fix: "warroom init --db \(install.db), as a member of \(install.team.group)")
            #expect(!FileManager.default.fileExists(atPath: install.db + "-shm"), "doctor made a file")
            #expect(try CLIRunner.run(["init", "--db", install.db], user: install.team.sre1).status == 0)
            let after = try install.doctor(as: install.team.lead)
            #expect(after.status == 0, "\(after.stdout)")
        }

        @Test("a directory without setgid, and files of another group, each named with its fix")
        func directoryAndGroup() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let install = try Install()
            chmod(install.dir, 0o775)
            let noSetgid = try install.doctor(as: install.team.sre1)
            Self.expectProblem(noSetgid, "directory \(install.dir): root:\(install.team.group) 0775, group-writable but not setgid", fix: "chmod g+s \(install.dir)")
            chmod(install.dir, 0o2775)
            install.team.set(install.db, owner: "root", group: "root", mode: 0o660)
            let wrongGroup = try install.doctor(as: install.team.sre1)
            Self.expectProblem(wrongGroup, "database \(install.db): root:root 0660, but its directory's group is \(install.team.group)",
                               fix: "chgrp \(install.team.group) \(install.db)* && chmod g+rw \(install.db)*")
        }

        @Test("an unreadable config, and a config with a problem, each named with its fix")
        func config() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let install = try Install()
            chown(install.config, 0, getgrnam("adm")!.pointee.gr_gid)
            chmod(install.config, 0o640)
            let unreadable = try install.doctor(as: install.team.sre1)
            Self.expectProblem(unreadable, "cannot read the config file \(install.config): owned by root:adm, mode 0640",
                               fix: "adduser \(install.team.sre1) adm, then log in again")
            chmod(install.config, 0o644)
            try "collectors:\n  - {name: app, type: logfile, path: \(install.log), interval: fast}\n"
                .write(toFile: install.config, atomically: true, encoding: .utf8)
            let broken = try install.doctor(as: install.team.sre1)
            Self.expectProblem(broken, "config: \(install.config):2: collector \"app\": interval must be a duration",
                               fix: "edit \(install.config):2, then check with: warroom collect --check --config \(install.config)")
        }

        @Test("a log file the user cannot read: named with the user checked and the group to join")
        func unreadableLog() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let install = try Install()
            chown(install.log, 0, getgrnam("adm")!.pointee.gr_gid)
            chmod(install.log, 0o640)
            let result = try install.doctor(as: install.team.sre1)
            Self.expectProblem(result, "collector \"app\": you (\(install.team.sre1)) cannot read \(install.log): owned by root:adm, mode 0640",
                               fix: "adduser \(install.team.sre1) adm, then log in again")
            #expect(try install.doctor(as: "root").status == 0, "root may read it")
        }

        @Test("the lease held by a process that is gone, or by nobody: named, with how to start the collectors")
        func lease() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let install = try Install()
            // Above the largest pid_max Linux allows: surely no process.
            try install.hold(pid: 4_194_305)
            let dead = try install.doctor(as: install.team.sre1)
            Self.expectProblem(dead, "but process 4194305 is gone", fix: "systemctl enable --now warroom-collect")
            let store = try WarRoomStore(path: install.db)
            try store.releaseCollectorLease(holder: try #require(try store.collectorLease()).holder)
            let nobody = try install.doctor(as: install.team.sre1)
            Self.expectProblem(nobody, "no process runs the collectors (nobody holds the lease)", fix: "systemctl enable --now warroom-collect")
        }
    }
}
