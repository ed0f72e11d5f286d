import Foundation
import Testing
import WarRoomCore

extension CLITests {
    /// Issue 19: a database that every SRE can write, whoever made it, and
    /// permission errors that say why and what to run.
    @Suite("A database the team shares")
    struct SharedDatabaseTests {
        /// A directory like docs/deployment.md's /var/lib/warroom: root:TEAM,
        /// setgid and group-writable by default.
        static func teamDirectory(_ scratch: Scratch, _ team: ThrowawayTeam, mode: mode_t = 0o2775) -> String {
            let dir = scratch.dir + "/lib"
            mkdir(dir, 0o755)
            chown(dir, 0, team.gid)
            chmod(dir, mode)
            return dir
        }

        static func chat(_ text: String, _ db: String, as user: String) throws -> CLIRunner.Result {
            try CLIRunner.run(["chat", text, "--db", db], user: user, umask: "022")
        }

        @Test("init by an SRE with umask 002: the team writes, also after the sqlite3 CLI removed -wal and -shm")
        func initUnderUmask002() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let team = try ThrowawayTeam(), scratch = Scratch()
            let db = Self.teamDirectory(scratch, team) + "/warroom.db"
            let made = try CLIRunner.run(["init", "--db", db], user: team.sre1, umask: "002")
            #expect(made.status == 0, "\(made.stderr)")
            #expect(made.stdout.hasSuffix("owner \(team.sre1):\(team.group), mode 0660 (and its -wal, -shm)\n"), "\(made.stdout)")
            for file in [db, db + "-wal", db + "-shm"] {
                #expect(ThrowawayTeam.ownership(file) == "\(team.sre1):\(team.group) 0660", "\(file)")
            }
            #expect(try Self.chat("one", db, as: team.sre2).status == 0)
            try team.sqlite3(db, "SELECT count(*) FROM event", user: team.sre1)
            #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
            let two = try Self.chat("two", db, as: team.sre2)
            #expect(two.status == 0, "\(two.stderr)")
            let three = try Self.chat("three", db, as: team.sre1)
            #expect(three.status == 0, "\(three.stderr)")
            #expect(try WarRoomStore(path: db, mode: .readOnly).timeline().map(\.body) == ["one", "two", "three"])
        }

        @Test("init by root in a setgid directory leaves root:TEAM 0660, which the team writes")
        func initAsRoot() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let team = try ThrowawayTeam(), scratch = Scratch()
            let db = Self.teamDirectory(scratch, team) + "/warroom.db"
            let made = try CLIRunner.run(["init", "--db", db])
            #expect(made.status == 0, "\(made.stderr)")
            #expect(made.stdout.contains("owner root:\(team.group), mode 0660"), "\(made.stdout)")
            #expect(ThrowawayTeam.ownership(db + "-shm") == "root:\(team.group) 0660")
            #expect(try Self.chat("one", db, as: team.sre2).status == 0)
            try team.sqlite3(db, "SELECT count(*) FROM event", user: "root")
            #expect(!FileManager.default.fileExists(atPath: db + "-shm"))
            #expect(try Self.chat("two", db, as: team.sre2).status == 0)
            let three = try Self.chat("three", db, as: team.sre1)
            #expect(three.status == 0, "\(three.stderr)")
        }

        @Test("a writer who recreates -wal and -shm in a directory without setgid gives them the database's group")
        func sideFilesTakeTheDatabaseGroup() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let team = try ThrowawayTeam(), scratch = Scratch()
            let db = Self.teamDirectory(scratch, team, mode: 0o775) + "/warroom.db"
            _ = try scratch.store()  // any database; shared by hand, as an admin would
            try FileManager.default.moveItem(atPath: scratch.db, toPath: db)
            for side in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch.db + side) }
            team.set(db, group: team.group, mode: 0o660)
            // sre2's primary group is its own: SQLite gives it to the files it creates.
            #expect(try Self.chat("one", db, as: team.sre2).status == 0)
            #expect(ThrowawayTeam.ownership(db + "-wal") == "\(team.sre2):\(team.group) 0660")
            #expect(ThrowawayTeam.ownership(db + "-shm") == "\(team.sre2):\(team.group) 0660")
            let two = try Self.chat("two", db, as: team.sre1)
            #expect(two.status == 0, "\(two.stderr)")
        }

        @Test("init refuses to leave a database only its owner can write in a directory the group writes")
        func initRefusesUnshared() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let team = try ThrowawayTeam(), scratch = Scratch()
            let dir = Self.teamDirectory(scratch, team)
            let db = dir + "/warroom.db"
            let narrow = try CLIRunner.run(["init", "--db", db, "--mode", "0644"])
            #expect(narrow.status == 1)
            #expect(narrow.stderr.hasPrefix("warroom: \(db) would be writable by its owner alone, in a directory group \(team.group) may write: --mode 0644"), "\(narrow.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)

            // A database made before warroom shared files: root:root 0644.
            #expect(try CLIRunner.run(["init", "--db", db]).status == 0)
            team.set(db, group: "root", mode: 0o644)
            let old = try CLIRunner.run(["init", "--db", db])
            #expect(old.status == 1)
            #expect(old.stderr.contains("it is root:root, mode 0644; run: chgrp \(team.group) \(db)* && chmod g+w \(db)*, or warroom init --group \(team.group) --mode 0660"), "\(old.stderr)")
            let fixed = try CLIRunner.run(["init", "--db", db, "--group", team.group, "--mode", "0660"])
            #expect(fixed.status == 0, "\(fixed.stderr)")
            for file in [db, db + "-wal", db + "-shm"] { #expect(ThrowawayTeam.ownership(file) == "root:\(team.group) 0660") }
            #expect(try Self.chat("shared now", db, as: team.sre2).status == 0)
        }

        @Test("each permission error names its cause and the fix, in one line")
        func permissionErrors() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let team = try ThrowawayTeam(), scratch = Scratch()
            let dir = Self.teamDirectory(scratch, team)
            let db = dir + "/warroom.db"
            #expect(try CLIRunner.run(["init", "--db", db]).status == 0)
            let g = team.group, doctor = " (see `warroom doctor`)\n"

            team.set(db, mode: 0o644)
            #expect(try Self.chat("x", db, as: team.sre2).stderr == "warroom: cannot write to \(db): owned by root:\(g), mode 0644, and you (\(team.sre2)) are not the owner, and group \(g) may not write it; run: chmod g+w \(db)*" + doctor)

            team.set(db, mode: 0o664)
            #expect(try Self.chat("x", db, as: team.lead).stderr == "warroom: cannot write to \(db): owned by root:\(g), mode 0664, and you (\(team.lead)) are neither the owner nor in group \(g); run: adduser \(team.lead) \(g), then log in again" + doctor)

            team.set(db, mode: 0o660)
            chown(db + "-wal", getpwnam(team.sre1)!.pointee.pw_uid, getgrnam(team.sre1)!.pointee.gr_gid)
            chmod(db + "-wal", 0o644)
            #expect(try Self.chat("x", db, as: team.sre2).stderr == "warroom: cannot write to \(db): warroom.db-wal is owned by \(team.sre1):\(team.sre1), mode 0644, and you (\(team.sre2)) are neither the owner nor in group \(team.sre1); run: chgrp \(g) \(db)* && chmod g+w \(db)*" + doctor)

            team.set(db, mode: 0o660)
            chmod(dir, 0o755)
            #expect(try Self.chat("x", db, as: team.sre2).stderr == "warroom: cannot write to \(db): its directory \(dir), where SQLite creates the -wal and -shm files, is owned by root:\(g), mode 0755, and you (\(team.sre2)) are not the owner, and group \(g) may not write it; run: chmod g+w \(dir)" + doctor)
            chmod(dir, 0o2775)

            team.set(db, owner: team.sre2, mode: 0o444)
            #expect(try Self.chat("x", db, as: team.sre2).stderr == "warroom: cannot write to \(db): owned by \(team.sre2):\(g), mode 0444, not writable even by its owner, you (\(team.sre2)); run: chmod u+w \(db)*" + doctor)

            team.set(db, mode: 0o640)
            #expect(try CLIRunner.run(["incident", "list", "--db", db], user: team.lead).stderr == "warroom: cannot read \(db): owned by root:\(g), mode 0640, and you (\(team.lead)) are neither the owner nor in group \(g); run: adduser \(team.lead) \(g), then log in again" + doctor)
            team.set(db, mode: 0o660)
            #expect(try Self.chat("nothing got through", db, as: team.sre1).status == 0)
            #expect(try WarRoomStore(path: db, mode: .readOnly).timeline().map(\.body) == ["nothing got through"])
        }

        @Test("a lead who may only read and types `warroom` is sent to `warroom status`")
        func leadIsSentToStatus() throws {
            try #require(geteuid() == 0, "needs root to make users")
            let team = try ThrowawayTeam(), scratch = Scratch()
            let db = Self.teamDirectory(scratch, team) + "/warroom.db"
            #expect(try CLIRunner.run(["init", "--db", db, "--mode", "0664"]).status == 0)
            for arguments in [["--db", db], ["open", "--db", db]] {
                let r = try CLIRunner.run(arguments, user: team.lead)
                #expect(r.status == 1)
                #expect(r.stderr.hasPrefix("warroom: cannot write to \(db): owned by root:\(team.group), mode 0664"), "\(r.stderr)")
                #expect(r.stderr.hasSuffix("; to follow the war room read-only, run `warroom status`\n"), "\(r.stderr)")
            }
            #expect(try CLIRunner.run(["status", "--once", "--db", db], user: team.lead).status == 0)
        }
    }
}
