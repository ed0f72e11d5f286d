import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program running on a pseudo-terminal of a given size, with everything
/// it writes to the terminal recorded with the monotonic time it arrived.
/// A reader thread drains the pty's master side, so the program never
/// blocks on a full terminal.
final class PtySession: @unchecked Sendable {
    let child: ChildProcess.Running
    private let master: Int32
    /// Our own descriptor of the slave side: it keeps the terminal open
    /// until `terminate`, so the reader sees EIO only after the child is gone.
    private let slave: Int32
    private let lock = NSLock()
    private var output: [UInt8] = []
    /// (monotonic ns, total bytes so far) per read.
    private var arrivals: [(time: UInt64, total: Int)] = []
    private let finished = DispatchSemaphore(value: 0)

    init(_ path: String, _ arguments: [String], columns: Int = 120, rows: Int = 40,
         environment: [String: String]) throws {
        master = PTY.openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        var name = [CChar](repeating: 0, count: 128)
        guard master >= 0, PTY.grantpt(master) == 0, PTY.unlockpt(master) == 0,
              PTY.ptsname_r(master, &name, name.count) == 0 else {
            throw BenchError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let device = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        slave = open(device, O_RDWR | O_NOCTTY | O_CLOEXEC)
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard slave >= 0, ioctl(slave, UInt(TIOCSWINSZ), &size) == 0 else {
            throw BenchError("cannot size the pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        var env = environment
        env["TERM"] = "xterm-256color"
        env["LINES"] = nil
        env["COLUMNS"] = nil
        child = try ChildProcess.spawn(path, arguments, terminal: device, environment: env)
        let reader = Thread { [self] in readUntilClosed() }
        reader.start()
    }

    private func readUntilClosed() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(master, &buffer, buffer.count)
            if n < 0, errno == EINTR { continue }
            // EIO: every descriptor of the terminal's slave side is closed.
            guard n > 0 else { break }
            let now = DispatchTime.now().uptimeNanoseconds
            lock.lock()
            output.append(contentsOf: buffer[0..<n])
            arrivals.append((now, output.count))
            lock.unlock()
        }
        finished.signal()
    }

    /// Bytes written so far.
    var byteCount: Int { lock.lock(); defer { lock.unlock() }; return output.count }

    /// Milliseconds from the spawn to the first byte, or nil if none came.
    var firstByteMs: Double? {
        lock.lock(); defer { lock.unlock() }
        return arrivals.first.map { Double($0.time - child.started) / 1e6 }
    }

    /// Milliseconds from the spawn to the read that completed `text` in the output.
    func milliseconds(untilOutputContains text: String) -> Double? {
        let needle = Array(text.utf8)
        lock.lock(); defer { lock.unlock() }
        guard let end = output.firstRange(of: needle)?.upperBound,
              let arrival = arrivals.first(where: { $0.total >= end }) else { return nil }
        return Double(arrival.time - child.started) / 1e6
    }

    /// Types `text` on the terminal, as a person would; returns the
    /// monotonic time just before, and how much output there was by then.
    @discardableResult
    func type(_ text: String) -> (time: UInt64, offset: Int) {
        let offset = byteCount
        let time = DispatchTime.now().uptimeNanoseconds
        var bytes = Array(text.utf8)
        _ = Glibc.write(master, &bytes, bytes.count)
        return (time, offset)
    }

    /// Milliseconds from `since` to the read that completed `text` in the
    /// output written after byte `offset`; nil if it has not come yet.
    func milliseconds(until text: String, after offset: Int, since: UInt64) -> Double? {
        let needle = Array(text.utf8)
        lock.lock(); defer { lock.unlock() }
        guard offset < output.count, let range = output[offset...].firstRange(of: needle),
              let arrival = arrivals.first(where: { $0.total >= range.upperBound }) else { return nil }
        return Double(arrival.time - since) / 1e6
    }

    /// Milliseconds from the spawn to the last byte so far.
    var lastByteMs: Double? {
        lock.lock(); defer { lock.unlock() }
        return arrivals.last.map { Double($0.time - child.started) / 1e6 }
    }

    /// Waits until nothing has arrived for `quiet` seconds (after at least
    /// one byte when `needOutput`), or until `timeout`. True when quiet.
    @discardableResult
    func waitForQuiet(_ quiet: Double, timeout: Double, needOutput: Bool = false) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        let quietNs = UInt64(quiet * 1e9)
        let since = DispatchTime.now().uptimeNanoseconds
        while DispatchTime.now().uptimeNanoseconds < deadline {
            lock.lock()
            let last = arrivals.last?.time
            lock.unlock()
            let now = DispatchTime.now().uptimeNanoseconds
            if let last, now - max(last, since) >= quietNs { return true }
            if last == nil, !needOutput, now - since >= quietNs { return true }
            usleep(10_000)
        }
        return false
    }

    /// The program's CPU time so far, in clock ticks: its own (utime +
    /// stime) and that of children it has reaped (cutime + cstime).
    func cpuTicks() throws -> (own: Int, children: Int) {
        guard let f = child.statFields, f.count > 14,
              let u = Int(f[11]), let s = Int(f[12]), let cu = Int(f[13]), let cs = Int(f[14]) else {
            throw BenchError("unreadable /proc/\(child.pid)/stat")
        }
        return (u + s, cu + cs)
    }

    /// Ends the program with SIGTERM (SIGKILL if it lingers) and reaps it.
    @discardableResult
    func terminate() -> ChildProcess.Outcome {
        let outcome = child.terminate().outcome
        Glibc.close(slave)
        _ = finished.wait(timeout: .now() + 2)
        Glibc.close(master)
        return outcome
    }

    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// glibc's pty functions, which Swift's Glibc module leaves out (they need
/// _XOPEN_SOURCE), looked up by name.
private enum PTY {
    private static func function<T>(_ name: String, as type: T.Type) -> T {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("libc has no \(name)") }
        return unsafeBitCast(symbol, to: type)
    }

    static let openpt = function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
    static let grantpt = function("grantpt", as: (@convention(c) (Int32) -> Int32).self)
    static let unlockpt = function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
    static let ptsname_r = function("ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self)
}
