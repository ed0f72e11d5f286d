import Foundation
import Testing
import WarRoomCore

extension CLITests {
    /// Issue 19: docs/deployment.md is executable. Its `sh guide` blocks run
    /// as root under a temporary prefix with throwaway users and groups; then
    /// two SREs chat through a separate sshd (on 127.0.0.1, with the guide's
    /// drop-in), a lead gets the forced status view and cannot write,
    /// `warroom collect` runs as the service user exactly as the guide's
    /// unit says, and the `sh guide-check` blocks (`warroom doctor` as each
    /// user) exit 0. Users, groups and files are removed even on failure.
    @Suite("docs/deployment.md, executed")
    struct DeploymentGuideTests {
        static let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path

        /// The fenced blocks whose info string is exactly `info`.
        static func blocks(_ markdown: String, marked info: String) -> [String] {
            var found: [String] = [], current: [String]?
            for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if current != nil {
                    if line == "```" { found.append(current!.joined(separator: "\n")); current = nil } else { current!.append(line) }
                } else if line == "```" + info {
                    current = []
                }
            }
            return found
        }

        /// The guide's names, made unique for one run, and the users and
        /// groups they name removed at the end whatever happened.
        final class Names {
            let tag = "wg" + UUID().uuidString.prefix(6).lowercased()
            let root = Scratch()
            var sreGroup: String { tag + "sre" }
            var readGroup: String { tag + "read" }
            var service: String { tag + "svc" }
            var sres: [String] { [tag + "a", tag + "b"] }
            var lead: String { tag + "l" }
            var bin: String { root.dir + "/usr/local/bin/warroom" }
            var db: String { root.dir + "/var/lib/warroom/warroom.db" }
            var syslog: String { root.dir + "/var/log/syslog" }

            var environment: [String: String] {
                var env = ProcessInfo.processInfo.environment
                env.removeValue(forKey: "WARROOM_DB")
                env.removeValue(forKey: "WARROOM_CONFIG")
                env["WR_ROOT"] = root.dir
                env["SRE_GROUP"] = sreGroup
                env["READ_GROUP"] = readGroup
                env["SERVICE_USER"] = service
                env["SRES"] = sres.joined(separator: " ")
                env["LEADS"] = lead
                env["WARROOM_BUILD"] = (CLIRunner.binary as NSString).deletingLastPathComponent
                return env
            }

            /// Runs a script as root from the source tree, as the guide's reader would.
            func run(_ script: String) throws -> CommandRunner.Outcome {
                try CommandRunner.run(["/bin/sh", "-c", "set -eu\ncd '\(DeploymentGuideTests.sourceRoot)'\n" + script],
                                      timeout: 120, environment: environment)
            }

            /// An admin tool, through posix_spawn: Foundation's Process
            /// never returned from waiting for usermod once sshd was running.
            func tool(_ argv: [String]) throws {
                let outcome = try CommandRunner.run(argv, timeout: 30)
                guard outcome.ending == .exited(0) else {
                    throw HTTPTestError("\(argv.joined(separator: " ")) \(outcome.ending): \(DeploymentGuideTests.text(outcome))")
                }
            }

            func cleanUp() {
                for user in sres + [lead, service] where getpwnam(user) != nil { try? tool(["/usr/sbin/userdel", "-f", user]) }
                for group in [sreGroup, readGroup] + sres + [lead] where getgrnam(group) != nil {
                    try? tool(["/usr/sbin/groupdel", group])
                }
            }
        }

        static func ssh(_ server: SSHForcedCommandTests.SSHServer, as user: String, _ command: String) throws -> Spawn.Result {
            try Spawn.run(["/usr/bin/ssh", "-T"] + server.sshArguments(as: user) + [command])
        }

        static func text(_ outcome: CommandRunner.Outcome) -> String {
            String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self)
        }

        @Test("the guide's blocks make a bastion where SREs chat over SSH, a lead only looks, the service collects, and doctor finds nothing wrong")
        func guide() throws {
            try #require(geteuid() == 0, "needs root to make users")
            try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/setfacl"), "the ACL variant needs Debian's acl package")
            let markdown = try String(contentsOfFile: Self.sourceRoot + "/docs/deployment.md", encoding: .utf8)
            let setup = Self.blocks(markdown, marked: "sh guide"), checks = Self.blocks(markdown, marked: "sh guide-check")
            try #require(setup.count >= 8 && !checks.isEmpty, "the guide lost its marked blocks")
            let names = Names()
            var collect: CollectProcess?
            var server: SSHForcedCommandTests.SSHServer?
            defer {
                collect?.stop()
                server = nil
                names.cleanUp()
            }

            // rsyslog's file, which the guide's config follows.
            try FileManager.default.createDirectory(atPath: names.root.dir + "/var/log", withIntermediateDirectories: true)
            try "booted\n".write(toFile: names.syslog, atomically: true, encoding: .utf8)
            chown(names.syslog, 0, try #require(getgrnam("adm")).pointee.gr_gid)
            chmod(names.syslog, 0o640)

            let built = try names.run(setup.joined(separator: "\n"))
            try #require(built.ending == .exited(0), "the guide's blocks failed: \(Self.text(built))")

            // The keys the people would bring. This sshd runs without PAM (CI
            // has no /etc/pam.d/sshd), so useradd's `!` password would lock
            // the accounts for keys too; Debian's sshd, with PAM, does not.
            server = try SSHForcedCommandTests.SSHServer(forcedCommand: nil, configLines: [
                "Include \(names.root.dir)/etc/ssh/sshd_config.d/*.conf",
            ])
            let ssh = try #require(server)
            for user in names.sres + [names.lead] {
                try names.tool(["/usr/sbin/usermod", "-p", "*", user])
                let home = names.root.dir + "/home/" + user
                try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: true)
                try (ssh.publicKey + "\n").write(toFile: home + "/.ssh/authorized_keys", atomically: true, encoding: .utf8)
                let entry = try #require(getpwnam(user)).pointee
                for path in [home + "/.ssh", home + "/.ssh/authorized_keys"] { chown(path, entry.pw_uid, entry.pw_gid) }
            }

            // Two SREs, each in their own SSH session, see each other's lines.
            let (alice, bob) = (names.sres[0], names.sres[1])
            let bin = names.bin, db = names.db
            #expect(try Self.ssh(ssh, as: alice, "\(bin) chat 'alice: rolling back api' --db \(db)").status == 0)
            #expect(try Self.ssh(ssh, as: bob, "\(bin) timeline --db \(db)").stdout.contains("alice: rolling back api"))
            #expect(try Self.ssh(ssh, as: bob, "\(bin) chat 'bob: error rate falling' --db \(db)").status == 0)
            #expect(try Self.ssh(ssh, as: alice, "\(bin) timeline --db \(db)").stdout.contains("bob: error rate falling"))

            // The lead asks for a write and gets the status view.
            let looked = try Self.ssh(ssh, as: names.lead, "\(bin) chat 'lead: sneaking in' --db \(db)")
            #expect(looked.status == 0)
            #expect(looked.stdout.hasPrefix("WARROOM STATUS  [READ-ONLY]"), "\(looked.stdout)")
            let direct = try CommandRunner.run(["/usr/sbin/runuser", "-u", names.lead, "--", bin, "chat", "lead: sneaking in", "--db", db], timeout: 30)
            #expect(direct.ending == .exited(1) && Self.text(direct).contains("cannot write to \(db)"), "\(Self.text(direct))")
            let store = try WarRoomStore(path: db, mode: .readOnly)
            #expect(try store.timeline(kinds: [.chat]).map(\.body) == ["alice: rolling back api", "bob: error rate falling"])

            // The service as its unit says: User=, Group= (the user's primary
            // group, as runuser gives it with the supplementary ones), ExecStart=.
            let unit = try String(contentsOfFile: names.root.dir + "/etc/systemd/system/warroom-collect.service", encoding: .utf8)
            func setting(_ key: String) -> String? {
                unit.split(separator: "\n").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
            }
            let user = try #require(setting("User")), group = try #require(setting("Group"))
            let execStart = try #require(setting("ExecStart")).split(separator: " ").map(String.init)
            #expect(user == names.service)
            #expect(try #require(getpwnam(user)).pointee.pw_gid == (try #require(getgrnam(group))).pointee.gr_gid)
            collect = try CollectProcess(command: ["/usr/sbin/runuser", "-u", user, "--"] + execStart)
            let running = waitFor(15) { (try? store.collectorLease())?.holder.hasPrefix("collect \(user)@") == true }
            #expect(running != nil, "the service did not take the lease: \(collect?.messages ?? "")")
            // The follower starts at the end of the file: append until a line lands.
            let handle = try #require(FileHandle(forWritingAtPath: names.syslog))
            let recorded = try waitFor(15, every: 0.3) {
                handle.seekToEndOfFile()
                handle.write(Data("\(names.tag) kernel: eth0 link down\n".utf8))
                return try store.logLines().contains { $0.text.contains("\(names.tag) kernel: eth0 link down") }
            }
            try? handle.close()
            #expect(recorded != nil, "the service recorded no syslog line: \(collect?.messages ?? "")")

            // The guide's checks: warroom doctor as each SRE, the lead and the service.
            let checked = try names.run(setup[0] + "\n" + checks.joined(separator: "\n"))
            #expect(checked.ending == .exited(0), "\(Self.text(checked))")
            #expect(Self.text(checked).components(separatedBy: " checks passed\n").count - 1 == 4, "four users, all well: \(Self.text(checked))")

            // systemd's KillSignal; runuser passes it on, then ends by it too (143).
            collect?.stop()
            #expect(collect?.messages.contains("stopped; the lease is free") == true, "\(collect?.messages ?? "")")
            #expect(try store.collectorLease() == nil, "SIGTERM freed the lease")
            collect = nil
        }
    }
}
