import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("Change feed across processes")
    struct ChangeFeedAcrossProcessesTests {
        @Test("a ChangeFeed sees another process's commit within 250 ms")
        func seesOtherProcess() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            let feed = try ChangeFeed(store: store)
            let seen = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var topics: Set<ChangeTopic> = []
            feed.subscribe { changed in
                topics.formUnion(changed)
                if changed.contains(.timeline) { seen.signal() }
            }
            feed.start()
            for attempt in 0..<5 {
                let r = try CLIRunner.run(["chat", "hello \(attempt)", "--db", scratch.db])
                #expect(r.status == 0)
                // The commit happened before the writer exited.
                #expect(seen.wait(timeout: .now() + .milliseconds(250)) == .success, "attempt \(attempt)")
            }
            feed.stop()
            #expect(topics.contains(.timeline))
            #expect(!topics.contains(.logs))
        }

        @Test("timeline --follow prints what another process writes")
        func followPrintsNewEvents() throws {
            let scratch = Scratch()
            _ = try CLIRunner.run(["init", "--db", scratch.db])
            let id = try CLIRunner.run(["incident", "declare", "--title", "DB failover", "--severity", "SEV1", "--db", scratch.db])
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
            p.arguments = ["timeline", "--follow", "--format", "json", "--incident", id, "--db", scratch.db]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            defer {
            // SIGTERM, which the binary must honour whatever mask it was started with.
            p.terminate()
            let deadline = Date().addingTimeInterval(5)
            while p.isRunning, Date() < deadline { usleep(10_000) }
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        }
            let reader = LineCollector(out.fileHandleForReading)
            #expect(reader.waitFor("DB failover", seconds: 5))
            _ = try CLIRunner.run(["chat", "primary is back", "--incident", id, "--db", scratch.db])
            _ = try CLIRunner.run(["chat", "not about this incident", "--db", scratch.db])
            _ = try CLIRunner.run(["incident", "update", id, "--status", "identified", "--db", scratch.db])
            #expect(reader.waitFor("primary is back", seconds: 5))
            #expect(reader.waitFor("investigating → identified", seconds: 5))
            #expect(!reader.text.contains("not about this incident"))
            // Every line printed is one JSON object.
            for line in reader.text.split(separator: "\n") {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any])
            }
        }
    }
}

/// Collects a child's output in the background so a test can wait for text.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()

    init(_ handle: FileHandle) {
        handle.readabilityHandler = { [weak self] h in
            let data = h.availableData
            guard let self else { return }
            if data.isEmpty { h.readabilityHandler = nil; return }
            self.lock.lock()
            self.buffer.append(data)
            self.lock.unlock()
        }
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: buffer, as: UTF8.self)
    }

    func waitFor(_ needle: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.contains(needle) { return true }
            usleep(10_000)
        }
        return text.contains(needle)
    }
}
