import Foundation
import WarRoomCore

/// `warroom collect` running in the background on a scratch database,
/// started with posix_spawn (Foundation's Process can wait forever here)
/// and with its messages gathered as they come.
final class CollectProcess: @unchecked Sendable {
    let child: CommandRunner.Launched
    private let lock = NSLock()
    private var text = ""
    private var stopped = false

    convenience init(scratch: Scratch, config: String) throws {
        try self.init(command: [CLIRunner.binary, "collect", "--config", config, "--db", scratch.db])
    }

    /// Any command line that runs `warroom collect` (through runuser, say),
    /// with `environment` added to this process's (PGHOST, say).
    init(command: [String], environment: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "WARROOM_DB")
        env.merge(environment) { _, added in added }
        child = try CommandRunner.launch(command, environment: env)
        let fd = child.stderr
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                lock.lock(); text += String(decoding: buffer[0..<n], as: UTF8.self); lock.unlock()
            }
        }
    }

    var pid: Int32 { child.pid }

    var messages: String { lock.lock(); defer { lock.unlock() }; return text }

    /// Sends `signal` and waits; returns the exit status (128+n for a signal).
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        lock.lock(); stopped = true; lock.unlock()
        kill(child.pid, signal)
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) < 0, errno == EINTR {}
        close(child.stdout)
        let sig = status & 0x7f
        return sig == 0 ? (status >> 8) & 0xff : 128 + sig
    }

    deinit {
        lock.lock(); let done = stopped; lock.unlock()
        if !done { stop(SIGKILL) }
    }
}

/// Waits for `condition`, up to `timeout`; returns how long it took, or nil.
func waitFor(_ timeout: TimeInterval, every step: TimeInterval = 0.02, _ condition: () throws -> Bool) rethrows -> TimeInterval? {
    let start = Date()
    while Date().timeIntervalSince(start) < timeout {
        if try condition() { return Date().timeIntervalSince(start) }
        Thread.sleep(forTimeInterval: step)
    }
    return try condition() ? Date().timeIntervalSince(start) : nil
}
