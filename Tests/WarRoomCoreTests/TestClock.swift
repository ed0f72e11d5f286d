import Foundation
import WarRoomCore

/// A clock the test moves by hand, so moments and durations are exact.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_934_877)) { current = start }

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(_ seconds: TimeInterval) {
        lock.lock()
        current = current.addingTimeInterval(seconds)
        lock.unlock()
    }

    var function: @Sendable () -> Date { { [self] in self.now } }
}

/// A temporary database for one test.
final class TempDatabase {
    let dir: String
    var path: String { dir + "/warroom.db" }

    init() {
        dir = NSTemporaryDirectory() + "warroom-core-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func store(author: String = "alice", clock: TestClock? = nil) throws -> WarRoomStore {
        if let clock { return try WarRoomStore(path: path, author: author, clock: clock.function) }
        return try WarRoomStore(path: path, author: author)
    }
}
