import Foundation
import GRDB
import WarRoomCore
import WarRoomTestSupport

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

/// A temporary database for one test: an SQLite file (the default), or a
/// fresh database of the throwaway PostgreSQL cluster.
final class TempDatabase {
    let dir: String
    let backend: TestBackend
    /// The `--db` value: a file path or a PostgreSQL URL.
    let path: String

    convenience init() {
        // An SQLite path cannot fail to be made up.
        try! self.init(.sqlite)
    }

    init(_ backend: TestBackend) throws {
        dir = NSTemporaryDirectory() + "warroom-core-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        self.backend = backend
        path = try backend.newLocation(in: dir)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func store(author: String = "alice", clock: TestClock? = nil) throws -> WarRoomStore {
        if let clock { return try WarRoomStore(path: path, author: author, clock: clock.function) }
        return try WarRoomStore(path: path, author: author)
    }

    /// Runs SQL on a connection of its own, as someone with a database
    /// client and no warroom would; throws what the database refused.
    func rawSQL(_ sql: String) throws {
        switch backend {
        case .sqlite:
            try DatabaseQueue(path: path).write { try $0.execute(sql: sql) }
        case .postgres:
            let cluster = try PostgresCluster.shared()
            try cluster.psql(sql, database: cluster.databaseName(path))
        }
    }
}
