import Foundation
import Testing
import WarRoomCore

extension CLITests {
    /// `--output` writes to what the path is, and never destroys it (issue:
    /// a temporary file renamed over the path turned /dev/stdout into a
    /// regular file, swallowed a FIFO, replaced symlinks and took another
    /// user's file for root at 0644).
    @Suite("--output treats the path as what it is")
    struct OutputPathTests {
        static func exportArgs(_ scratch: Scratch, _ output: String) -> [String] {
            ["export", "1", "--format", "markdown", "--output", output, "--db", scratch.db]
        }

        static func setUp() throws -> Scratch {
            let scratch = Scratch()
            _ = try scratch.store().declare(title: "Checkout 5xx", severity: .sev2)
            return scratch
        }

        static func fileType(_ path: String) -> mode_t {
            var info = stat()
            return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
        }

        @Test("standard output, by name, by -, and through a link to it")
        func standardOutput() throws {
            let scratch = try Self.setUp()
            let link = scratch.dir + "/out"
            #expect(symlink("/dev/stdout", link) == 0)
            for path in ["-", "/dev/stdout", link] {
                let r = try CLIRunner.run(Self.exportArgs(scratch, path))
                #expect(r.status == 0, "\(path): \(r.stderr)")
                #expect(r.stdout.hasPrefix("# Postmortem: Checkout 5xx (#1)"), "\(path)")
            }
            #expect(Self.fileType(link) == S_IFLNK)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/dev/stdout")
            #expect(Self.fileType("/dev/stdout") == S_IFLNK)
            let report = try CLIRunner.run(["report", "--since", "7d", "--output", "/dev/stdout", "--db", scratch.db])
            #expect(report.status == 0 && report.stdout.contains("WARROOM TRENDS"))
        }

        @Test("a full device is an error; /dev/null stays a device")
        func devices() throws {
            let scratch = try Self.setUp()
            let full = try CLIRunner.run(Self.exportArgs(scratch, "/dev/full"))
            #expect(full.status != 0)
            #expect(full.stderr.contains("cannot write /dev/full: No space left on device"))
            #expect(try CLIRunner.run(Self.exportArgs(scratch, "/dev/null")).status == 0)
            #expect(Self.fileType("/dev/null") == S_IFCHR)
            #expect(Self.fileType("/dev/full") == S_IFCHR)
        }

        @Test("a FIFO's reader gets the text and the FIFO stays a FIFO")
        func fifo() throws {
            let scratch = try Self.setUp()
            let fifo = scratch.dir + "/pipe"
            #expect(mkfifo(fifo, 0o600) == 0)
            nonisolated(unsafe) var received = ""
            // Open for reading first (a writer waits for a reader), then read to the end.
            let reader = Thread {
                guard let handle = FileHandle(forReadingAtPath: fifo) else { return }
                received = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
            }
            reader.start()
            let r = try CLIRunner.run(Self.exportArgs(scratch, fifo))
            #expect(r.status == 0, "\(r.stderr)")
            let deadline = Date().addingTimeInterval(5)
            while received.isEmpty, Date() < deadline { usleep(20_000) }
            #expect(received.hasPrefix("# Postmortem: Checkout 5xx (#1)"))
            #expect(Self.fileType(fifo) == S_IFIFO)
        }

        @Test("a link is followed, its target keeps mode and owner; a dangling link and a directory are refused")
        func linksAndOwners() throws {
            let scratch = try Self.setUp()
            let target = scratch.dir + "/theirs.md"
            let link = scratch.dir + "/link.md"
            try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
            let nobody = try #require(getpwnam("nobody")).pointee
            #expect(chown(target, nobody.pw_uid, nobody.pw_gid) == 0)
            #expect(chmod(target, 0o600) == 0)
            #expect(symlink(target, link) == 0)
            let r = try CLIRunner.run(Self.exportArgs(scratch, link))
            #expect(r.status == 0, "\(r.stderr)")
            #expect(Self.fileType(link) == S_IFLNK)
            #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("# Postmortem"))
            var info = stat()
            #expect(stat(target, &info) == 0)
            #expect(info.st_mode & 0o7777 == 0o600)
            #expect(info.st_uid == nobody.pw_uid && info.st_gid == nobody.pw_gid)

            let dangling = scratch.dir + "/dangling.md"
            #expect(symlink(scratch.dir + "/nowhere/x.md", dangling) == 0)
            let refused = try CLIRunner.run(Self.exportArgs(scratch, dangling))
            #expect(refused.status != 0 && refused.stderr.contains("symbolic link"))
            #expect(Self.fileType(dangling) == S_IFLNK)
            let dir = try CLIRunner.run(Self.exportArgs(scratch, scratch.dir))
            #expect(dir.status != 0 && dir.stderr.contains("is a directory"))
        }

        @Test("a new file is created whole; an existing one is replaced whole")
        func regularFiles() throws {
            let scratch = try Self.setUp()
            let path = scratch.dir + "/pm.json"
            #expect(try CLIRunner.run(["export", "1", "--format", "json", "--output", path, "--db", scratch.db]).status == 0)
            #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) is [String: Any])
            try String(repeating: "stale ", count: 100_000).write(toFile: path, atomically: true, encoding: .utf8)
            #expect(chmod(path, 0o640) == 0)
            #expect(try CLIRunner.run(["export", "1", "--format", "json", "--output", path, "--db", scratch.db]).status == 0)
            #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains("stale"))
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_mode & 0o7777 == 0o640)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.dir).filter { $0.hasPrefix(".warroom-output") }
            #expect(leftovers.isEmpty)
        }
    }
}
