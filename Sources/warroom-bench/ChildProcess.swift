import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and reports what Foundation's Process does not: its peak
/// resident memory (from wait4's rusage) beside the wall time.
enum ChildProcess {
    struct Outcome {
        var status: Int32
        var seconds: Double
        var peakRSSMegabytes: Double
    }

    /// A started child; `wait` reaps it.
    struct Running {
        let pid: pid_t
        /// Monotonic nanoseconds just before the spawn.
        let started: UInt64

        func wait() -> Outcome {
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return Outcome(status: exit, seconds: seconds, peakRSSMegabytes: Double(usage.ru_maxrss) / 1024)
        }

        func signal(_ sig: Int32) { _ = kill(pid, sig) }

        /// The fields of /proc/PID/stat after the command name: [0] is the
        /// state, [11] and [12] utime and stime, [13] and [14] cutime and
        /// cstime (in clock ticks). Nil once the child is reaped.
        var statFields: [Substring]? {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            return stat[stat.index(after: close)...].split(separator: " ")
        }

        private var isZombie: Bool { statFields.map { $0.first == "Z" } ?? true }

        /// SIGTERM, then SIGKILL if the child is still there after `grace`
        /// seconds; reaps it. `killed` says whether SIGKILL was needed.
        func terminate(grace: Double = 5) -> (outcome: Outcome, killed: Bool) {
            signal(SIGTERM)
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(grace * 1e9)
            while DispatchTime.now().uptimeNanoseconds < deadline {
                // A zombie has exited; wait() then reaps it with its rusage.
                if isZombie { return (wait(), false) }
                usleep(10_000)
            }
            signal(SIGKILL)
            return (wait(), true)
        }
    }

    static func run(_ path: String, _ arguments: [String], stdinPath: String? = nil, stdoutPath: String = "/dev/null",
                    environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Outcome {
        try spawn(path, arguments, stdinPath: stdinPath, stdoutPath: stdoutPath, environment: environment).wait()
    }

    /// Starts `path`. With `terminal` (a pty's device path) the child gets a
    /// new session and the terminal as stdin, stdout, stderr and controlling
    /// terminal; otherwise stdin and stdout are the given files.
    static func spawn(_ path: String, _ arguments: [String], stdinPath: String? = nil, stdoutPath: String = "/dev/null",
                      terminal: String? = nil,
                      environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Running {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK)
        if let terminal {
            // glibc starts the new session before the file actions, so the
            // first open of the terminal makes it the controlling one.
            flags |= spawnSetSID
            posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        guard posix_spawnattr_setflags(&attributes, Int16(flags)) == 0 else { throw BenchError("posix_spawn refuses flags \(flags)") }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw BenchError("cannot run \(path): \(String(cString: strerror(rc)))") }
        return Running(pid: pid, started: start)
    }

    /// glibc's POSIX_SPAWN_SETSID (spawn.h, __USE_GNU), which Swift does not import.
    private static let spawnSetSID: Int32 = 0x80

    /// This bench's own binary, for the child modes (`--chat-writer` …).
    static var benchBinary: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
