import Foundation
import Testing
import WarRoomCore

extension CLITests {
    /// `warroom status` as the forced command of a key, through a real
    /// OpenSSH server (Debian's openssh-server) on a free 127.0.0.1 port.
    @Suite("warroom and warroom status over SSH")
    struct SSHForcedCommandTests {
        final class SSHServer {
            let dir: String
            let port: Int
            let user = Author.current
            private let process = Process()

            /// The client key's public half, for a user's `~/.ssh/authorized_keys`.
            let publicKey: String

            /// With `forcedCommand`, the client key logs in as the current
            /// user and runs only that; without, keys are read from each
            /// user's `~/.ssh/authorized_keys`. `configLines` end the
            /// server's config (an `Include` of a guide's drop-in, say).
            init(forcedCommand: String?, configLines: [String] = []) throws {
                guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else {
                    throw HTTPTestError("/usr/sbin/sshd is missing: .ci/test installs openssh-server")
                }
                dir = NSTemporaryDirectory() + "warroom-ssh-" + UUID().uuidString
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                port = try AlertmanagerProcess.freePort()
                if geteuid() == 0 { try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true) }
                for key in ["host", "client"] {
                    let keygen = Process()
                    keygen.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
                    keygen.arguments = ["-q", "-t", "ed25519", "-N", "", "-f", "\(dir)/\(key)"]
                    keygen.standardOutput = FileHandle.nullDevice
                    try keygen.run()
                    keygen.waitUntilExit()
                }
                publicKey = try String(contentsOfFile: "\(dir)/client.pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                if let forcedCommand {
                    try "command=\"\(forcedCommand)\",no-port-forwarding,no-agent-forwarding,no-X11-forwarding \(publicKey)\n"
                        .write(toFile: "\(dir)/authorized_keys", atomically: true, encoding: .utf8)
                }
                let keys = forcedCommand == nil ? ".ssh/authorized_keys" : "\(dir)/authorized_keys"
                try """
                    Port \(port)
                    ListenAddress 127.0.0.1
                    HostKey \(dir)/host
                    PidFile \(dir)/sshd.pid
                    AuthorizedKeysFile \(keys)
                    StrictModes no
                    UsePAM no
                    PasswordAuthentication no
                    KbdInteractiveAuthentication no
                    PubkeyAuthentication yes
                    PermitRootLogin forced-commands-only
                    LogLevel ERROR
                    \(configLines.joined(separator: "\n"))

                    """.write(toFile: "\(dir)/sshd_config", atomically: true, encoding: .utf8)
                process.executableURL = URL(fileURLWithPath: "/usr/sbin/sshd")
                process.arguments = ["-D", "-e", "-f", "\(dir)/sshd_config"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                // Ready when the port accepts connections.
                let deadline = Date().addingTimeInterval(10)
                while Date() < deadline, !Self.accepts(port) { usleep(50_000) }
            }

            deinit {
                process.terminate()
                process.waitUntilExit()
                try? FileManager.default.removeItem(atPath: dir)
            }

            static func accepts(_ port: Int) -> Bool {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(fd) }
                var addr = sockaddr_in()
                addr.sin_family = sa_family_t(AF_INET)
                addr.sin_addr.s_addr = inet_addr("127.0.0.1")
                addr.sin_port = UInt16(port).bigEndian
                return withUnsafePointer(to: &addr) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
                }
            }

            var sshArguments: [String] { sshArguments(as: user) }

            func sshArguments(as user: String) -> [String] {
                ["-i", "\(dir)/client", "-p", String(port), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                 "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "\(user)@127.0.0.1"]
            }
        }

        @Test("without a pty it prints one frame; with one it is the live view, and it exits when the client goes")
        func forcedCommand() throws {
            let scratch = Scratch()
            try scratch.store().declare(title: "Checkout 5xx", severity: .sev1)
            let server = try SSHServer(forcedCommand: "\(CLIRunner.binary) status --db \(scratch.db)")

            // No pty: the forced command behaves like --once.
            let ssh = try Spawn.run(["/usr/bin/ssh", "-T"] + server.sshArguments + ["anything the client asks for is ignored"])
            let text = ssh.stdout
            #expect(ssh.status == 0)
            #expect(text.hasPrefix("WARROOM STATUS  [READ-ONLY]"))
            #expect(text.contains("#1 SEV1 INVESTIGATING Checkout 5xx"))

            // A pty: the live view; then the client dies and the view must go too.
            let command = (["/usr/bin/ssh", "-tt"] + server.sshArguments).map { "'\($0)'" }.joined(separator: " ")
            let tmux = try TmuxSession(width: 100, height: 30, command: command + "; sleep 60")
            #expect(tmux.waitFor("READ-ONLY", seconds: 10))
            #expect(tmux.waitFor("Checkout 5xx"))
            #expect(Self.viewsRunning(scratch.db) == 1)
            let client = try #require(Self.pids(matching: "ssh -tt").first)
            kill(client, SIGKILL)
            let deadline = Date().addingTimeInterval(5)
            while Self.viewsRunning(scratch.db) > 0, Date() < deadline { usleep(50_000) }
            #expect(Self.viewsRunning(scratch.db) == 0, "warroom status outlived its SSH session")
        }

        @Test("the war room over SSH: the session drops mid-typing; what was sent stays, the war room exits, the lease is freed")
        func warRoomDropsMidTyping() throws {
            let scratch = Scratch()
            let config = scratch.dir + "/w.yaml"
            try "heartbeat: 1s\ncollectors:\n  - {name: tick, type: exec, interval: 1s, command: [/bin/true]}\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
            _ = try CLIRunner.run(["init", "--db", scratch.db])
            let server = try SSHServer(forcedCommand: "\(CLIRunner.binary) --db \(scratch.db) --config \(config)")
            let command = (["/usr/bin/ssh", "-tt"] + server.sshArguments).map { "'\($0)'" }.joined(separator: " ")
            let tmux = try TmuxSession(width: 120, height: 40, command: command + "; sleep 60")
            #expect(tmux.waitFor("1 Status", seconds: 10))
            tmux.keys("4")
            tmux.type("sent before the line dropped")
            tmux.keys("Enter")
            #expect(tmux.waitFor("sent before the line dropped"))
            let store = try WarRoomStore(path: scratch.db, mode: .readOnly)
            #expect(waitFor(5) { (try? store.collectorLease()) != nil } != nil, "the war room runs the collectors")
            tmux.type("half typed when the network went")
            let client = try #require(Self.pids(matching: "ssh -tt").first)
            kill(client, SIGKILL)
            let gone = waitFor(5) { Self.pids(matching: "--db \(scratch.db) --config").isEmpty }
            #expect(gone != nil, "the war room outlived its SSH session")
            #expect(try store.timeline(kinds: [.chat]).map(\.body) == ["sent before the line dropped"])
            #expect(try store.collectorLease() == nil, "it gave the collector lease up on the way out")
            #expect(try store.integrityCheck() == "ok")
        }

        static func viewsRunning(_ db: String) -> Int { pids(matching: "status --db \(db)").count }

        static func pids(matching text: String) -> [pid_t] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.compactMap { Int32($0) }.filter { pid in
                guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
                let cmd = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
                return cmd.contains(text) && !cmd.contains("sh -c")
            }
        }
    }
}
