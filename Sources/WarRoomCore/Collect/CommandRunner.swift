import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a check or an exec collector's program with a deadline.
///
/// Written on posix_spawn rather than Foundation's `Process` because a
/// collector needs what `Process` does not give: the child in its own
/// process group, so a timeout kills the plugin *and* whatever it started
/// (a hung `check_http` under a shell wrapper); an empty signal mask (the
/// war room blocks signals on its threads); a cap on output, so a program
/// that floods cannot exhaust memory; and a wait that cannot hang (here
/// `Process.waitUntilExit` never returned for some children).
public enum CommandRunner {
    public enum Ending: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)
        case timedOut(TimeInterval)
        /// The program ended (how: the inner ending), but a process it
        /// started kept its output open until the deadline, when the group
        /// was killed: a daemon left attached, `cmd &` in a script.
        indirect case outputHeldOpen(Ending, TimeInterval)

        public var description: String {
            switch self {
            case .exited(let code): return "exited with status \(code)"
            case .signaled(let signal): return "killed by signal \(signal) (\(Self.signalName(signal)))"
            case .timedOut(let seconds): return "timed out after \(DurationText.setting(seconds)); killed"
            case .outputHeldOpen(let ending, let seconds):
                return "\(ending), but a child process kept its output open; killed it after \(DurationText.setting(seconds))"
            }
        }

        static func signalName(_ signal: Int32) -> String {
            switch signal {
            case SIGKILL: return "KILL"
            case SIGTERM: return "TERM"
            case SIGSEGV: return "SEGV"
            case SIGABRT: return "ABRT"
            case SIGBUS: return "BUS"
            case SIGINT: return "INT"
            case SIGPIPE: return "PIPE"
            default: return "SIG\(signal)"
            }
        }
    }

    public struct Outcome: Sendable {
        public var ending: Ending
        public var stdout: Data
        public var stderr: Data
        /// Output beyond the cap was read and dropped.
        public var truncated: Bool
        public var duration: TimeInterval
    }

    /// A started child: its pid and the read ends of its output pipes.
    public struct Launched: Sendable {
        public let pid: pid_t
        public let stdout: Int32
        public let stderr: Int32
    }

    /// Starts `argv` (the program is looked up on PATH when it has no `/`)
    /// in a process group of its own, with stdin from /dev/null, an empty
    /// signal mask and default signal actions. The caller reads the pipes,
    /// reaps the child with `waitpid` and closes the pipes.
    public static func launch(_ argv: [String], environment: [String: String]? = nil) throws -> Launched {
        guard let program = argv.first, !program.isEmpty else { throw WarRoomError.invalid("no command to run") }
        var out: [Int32] = [0, 0], err: [Int32] = [0, 0]
        guard closeOnExecPipe(&out) else { throw WarRoomError.invalid("cannot run \(program): \(String(cString: strerror(errno)))") }
        guard closeOnExecPipe(&err) else {
            close(out[0]); close(out[1])
            throw WarRoomError.invalid("cannot run \(program): \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let env = environment.map { $0.map { "\($0.key)=\($0.value)" } }
        let cEnv = env.map { $0.map { strdup($0) } + [nil] }
        defer { cEnv?.forEach { free($0) } }

        var pid: pid_t = 0
        let rc: Int32
        if let cEnv {
            rc = cEnv.withUnsafeBufferPointer { posix_spawnp(&pid, program, &actions, &attributes, cArgs, UnsafeMutablePointer(mutating: $0.baseAddress)) }
        } else {
            rc = posix_spawnp(&pid, program, &actions, &attributes, cArgs, environ)
        }
        close(out[1]); close(err[1])
        guard rc == 0 else {
            close(out[0]); close(err[0])
            let denied = rc == EACCES ? SourceAccess.problem(running: argv) : nil
            throw WarRoomError.invalid(denied ?? "cannot run \(program): \(String(cString: strerror(rc)))")
        }
        return Launched(pid: pid, stdout: out[0], stderr: err[0])
    }

    /// Runs `argv` to its end, or kills its process group at the deadline.
    public static func run(_ argv: [String], timeout: TimeInterval, maxOutputBytes: Int = 32 << 20,
                           environment: [String: String]? = nil) throws -> Outcome {
        let started = Date()
        let child = try launch(argv, environment: environment)
        let pid = child.pid
        var stdout = Data(), stderr = Data()
        var truncated = false
        var open: [Int32] = [child.stdout, child.stderr]
        let deadline = started.addingTimeInterval(timeout)
        var timedOut = false
        // The program's own end, seen while its output is still open (a
        // child it started holds the pipe): reaped here, so that the
        // deadline can tell which of the two did not finish.
        var reaped: Int32?
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !open.isEmpty {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { timedOut = true; break }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(left * 1000, 1000).rounded(.up)))
            if ready < 0 { if errno == EINTR { continue }; break }
            if reaped == nil {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { reaped = status }
            }
            for p in fds where p.revents != 0 {
                let n = read(p.fd, &buffer, buffer.count)
                if n > 0 {
                    if stdout.count + stderr.count + n > maxOutputBytes {
                        truncated = true
                    } else if p.fd == child.stdout {
                        stdout.append(contentsOf: buffer[0..<n])
                    } else {
                        stderr.append(contentsOf: buffer[0..<n])
                    }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(p.fd)
                    open.removeAll { $0 == p.fd }
                }
            }
        }
        open.forEach { close($0) }

        var status: Int32 = 0
        if let reaped {
            // The group outlives its leader while a member is in it, so
            // -pid still names the process that held the output.
            if timedOut { kill(-pid, SIGKILL) }
            let end = timedOut ? Ending.outputHeldOpen(ending(reaped), timeout) : ending(reaped)
            return Outcome(ending: end, stdout: stdout, stderr: stderr, truncated: truncated, duration: Date().timeIntervalSince(started))
        }
        if timedOut {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        } else {
            // Output closed: the program is done or about to be; it may
            // still hang after closing its output, so the deadline holds.
            while waitpid(pid, &status, WNOHANG) == 0 {
                if Date() >= deadline { timedOut = true; kill(-pid, SIGKILL); kill(pid, SIGKILL); break }
                usleep(2_000)
            }
            if !timedOut { return Outcome(ending: ending(status), stdout: stdout, stderr: stderr, truncated: truncated, duration: Date().timeIntervalSince(started)) }
        }
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return Outcome(ending: .timedOut(timeout), stdout: stdout, stderr: stderr, truncated: truncated,
                       duration: Date().timeIntervalSince(started))
    }

    /// Why this user could not run the program, when a shell ended with
    /// 126 (found, but not executable): the owner, group and mode in the
    /// way and who could run it. Nil for any other ending.
    public static func refusal(of argv: [String], ending: Ending) -> String? {
        ending == .exited(126) ? SourceAccess.problem(running: argv) : nil
    }

    /// Sends `signal` to a launched child's process group, reaps it and
    /// closes its pipes; returns how it ended.
    @discardableResult
    public static func stop(_ child: Launched, signal: Int32 = SIGTERM) -> Ending {
        kill(-child.pid, signal)
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) < 0, errno == EINTR {}
        close(child.stdout)
        close(child.stderr)
        return ending(status)
    }

    /// A pipe whose ends a concurrently spawned child does not inherit.
    private static func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private static func ending(_ status: Int32) -> Ending {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}
