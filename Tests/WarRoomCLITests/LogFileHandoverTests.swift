import Foundation
import Testing
import WarRoomCore

extension CLITests {
    /// Issue: the service took the lease back from a war room and resumed at
    /// the end of the file, so lines written during the gap were never
    /// recorded. The position is now stored with the lines, fenced by the
    /// lease, and every holder resumes there.
    @Suite("A log file collector handed over without losing or repeating a line")
    struct LogFileHandoverTests {
        /// Appends numbered lines at about 1,000 a second until stopped;
        /// `rotate` renames the file away once and starts a new one.
        final class Appender: @unchecked Sendable {
            let path: String
            private let lock = NSLock()
            private var stopFlag = false, rotateFlag = false
            private(set) var written = 0
            private let done = DispatchSemaphore(value: 0)

            init(path: String) { self.path = path }

            func start() {
                Thread.detachNewThread { [self] in
                    var fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
                    var n = 0
                    while true {
                        lock.lock(); let stop = stopFlag, rotate = rotateFlag; rotateFlag = false; lock.unlock()
                        if stop { break }
                        if rotate {
                            close(fd)
                            rename(path, path + ".1")
                            fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
                        }
                        // Ten lines every 10 ms; the last one of a burst
                        // sometimes in two writes, so a reader sees half lines.
                        var text = ""
                        for _ in 0..<10 { n += 1; text += "handover line \(n)\n" }
                        let bytes = Array(text.utf8)
                        let cut = n % 3 == 0 ? bytes.count - 7 : bytes.count
                        _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, cut) }
                        if cut < bytes.count {
                            usleep(2_000)
                            _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress! + cut, bytes.count - cut) }
                        }
                        lock.lock(); written = n; lock.unlock()
                        usleep(10_000)
                    }
                    close(fd)
                    done.signal()
                }
            }

            func rotate() { lock.lock(); rotateFlag = true; lock.unlock() }

            func stop() -> Int {
                lock.lock(); stopFlag = true; lock.unlock()
                done.wait()
                lock.lock(); defer { lock.unlock() }
                return written
            }
        }

        @Test("service → war room → service, a kill -9, a clean quit and a rotation in a gap: every line once")
        func handover() throws {
            let scratch = Scratch()
            let log = scratch.dir + "/app.log"
            let config = scratch.dir + "/warroom.yaml"
            try """
                heartbeat: 500ms
                collectors:
                  - name: app
                    type: logfile
                    path: \(log)
                    from: beginning
                    interval: 100ms
                """.write(toFile: config, atomically: true, encoding: .utf8)
            let store = try WarRoomStore(path: scratch.db)
            let appender = Appender(path: log)
            appender.start()
            func holder() throws -> String { try store.collectorLease()?.holder ?? "" }

            // 1. The service collects, then dies by kill -9.
            let service = try CollectProcess(scratch: scratch, config: config)
            #expect(waitFor(10) { service.messages.contains("running 1 collector") } != nil, "\(service.messages)")
            Thread.sleep(forTimeInterval: 1.5)
            #expect(service.stop(SIGKILL) == 128 + SIGKILL)
            // 2. The file rotates while nobody holds the lease.
            appender.rotate()
            Thread.sleep(forTimeInterval: 0.3)

            // 3. A war room takes over (the lease lapses within 1.5 heartbeats).
            let tmux = try TmuxSession(width: 120, height: 40, command:
                "'\(CLIRunner.binary)' --db '\(scratch.db)' --config '\(config)'; sleep 60")
            #expect(tmux.waitFor("1 Status"))
            #expect(try waitFor(10) { try holder().hasPrefix("warroom ") } != nil, "the war room never took the lease")
            Thread.sleep(forTimeInterval: 1.5)

            // 4. The service comes back as a standby; the war room quits
            //    cleanly, and the service takes over at once.
            let again = try CollectProcess(scratch: scratch, config: config)
            #expect(waitFor(10) { again.messages.contains("standing by") } != nil, "\(again.messages)")
            tmux.type("q")
            #expect(try waitFor(10) { try holder().hasSuffix("pid \(again.pid)") } != nil, "service never took the lease back")
            Thread.sleep(forTimeInterval: 1.5)

            let written = appender.stop()
            let expected = (1...written).map { "handover line \($0)" }
            var stored: [String] = []
            _ = try waitFor(15, every: 0.1) {
                stored = try store.logLines(afterID: 0, source: "app", limit: written + 1_000).map(\.text)
                return stored.count >= written
            }
            #expect(written > 3_000, "only \(written) lines were appended")
            let counts = Dictionary(stored.map { ($0, 1) }, uniquingKeysWith: +)
            let missing = expected.filter { counts[$0] == nil }
            let twice = counts.filter { $0.value > 1 }.map(\.key).sorted()
            // Counts, not the lists: a failure would print thousands of lines.
            #expect(missing.count == 0, "lines lost, first: \(missing.prefix(3))")
            #expect(twice.count == 0, "lines stored twice, first: \(twice.prefix(3))")
            #expect(stored.count == written)
            #expect(again.stop(SIGTERM) == 0)
        }
    }
}
