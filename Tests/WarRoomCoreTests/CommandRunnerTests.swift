import Foundation
import Testing
@testable import WarRoomCore

@Suite struct CommandRunnerTests {
    @Test func exitStatusOutputAndErrorsAreKeptApart() throws {
        let o = try CommandRunner.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], timeout: 5)
        #expect(o.ending == .exited(3))
        #expect(String(decoding: o.stdout, as: UTF8.self) == "out\n")
        #expect(String(decoding: o.stderr, as: UTF8.self) == "err\n")
    }

    @Test func aSignalIsReportedByName() throws {
        let o = try CommandRunner.run(["/bin/sh", "-c", "echo partial; kill -9 $$"], timeout: 5)
        #expect(o.ending == .signaled(SIGKILL))
        #expect(o.ending.description == "killed by signal 9 (KILL)")
        #expect(String(decoding: o.stdout, as: UTF8.self) == "partial\n")
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() throws {
        let started = Date()
        // The shell starts a grandchild that would keep the pipe open.
        let o = try CommandRunner.run(["/bin/sh", "-c", "sleep 30 & echo $!; sleep 30"], timeout: 0.5)
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(o.ending == .timedOut(0.5))
        let grandchild = try #require(Int32(String(decoding: o.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<100 where !gone {
            gone = kill(grandchild, 0) != 0 || (try? String(contentsOfFile: "/proc/\(grandchild)/stat", encoding: .utf8))?.contains(") Z ") == true
            if !gone { usleep(20_000) }
        }
        #expect(gone, "the grandchild sleep was killed with its group")
    }

    @Test func outputBeyondTheCapIsDroppedNotBuffered() throws {
        let o = try CommandRunner.run(["/bin/sh", "-c", "head -c 3000000 /dev/zero"], timeout: 10, maxOutputBytes: 1 << 20)
        #expect(o.ending == .exited(0))
        #expect(o.truncated)
        #expect(o.stdout.count <= 1 << 20 && o.stdout.count > 900_000)
    }

    @Test func aMissingProgramIsAClearError() {
        #expect(throws: WarRoomError.invalid("cannot run /nonexistent/check_x: No such file or directory")) {
            try CommandRunner.run(["/nonexistent/check_x"], timeout: 1)
        }
    }
}
