import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite("Change feed in one process")
struct ChangeFeedTests {
    @Test("reports exactly the topics a write touched", arguments: TestBackend.allCases)
    func topics(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let feed = try ChangeFeed(store: store)
        #expect(feed.poll().isEmpty)
        try store.post(.chat, text: "hi")
        #expect(feed.nextChange() == [.timeline])
        try store.ingest([LogRecord(source: "a", at: Date(), level: .info, text: "x")])
        #expect(feed.nextChange() == [.logs])
        try store.declare(title: "x", severity: .sev3)
        #expect(feed.nextChange() == [.incidents, .timeline])
        #expect(feed.poll().isEmpty)
    }

    @Test("subscribers hear about writes from another connection", arguments: TestBackend.allCases)
    func subscribers(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let feed = try ChangeFeed(store: store, interval: 0.01)
        let heard = DispatchSemaphore(value: 0)
        feed.subscribe { if $0.contains(.checks) { heard.signal() } }
        feed.start()
        let other = try db.store(author: "bob")
        try other.recordChecks([CheckResult(name: "ping", source: "nagios", state: .critical, output: "down")])
        #expect(heard.wait(timeout: .now() + 2) == .success)
        feed.stop()
    }
}

@Suite("PostgreSQL connections the server dropped")
struct DroppedConnectionTests {
    /// Ends every session of the database but psql's own: what a server
    /// restart or a failover does to the store's pooled connections and the
    /// feed's LISTEN connection.
    static func dropSessions(of location: String) throws {
        let cluster = try PostgresCluster.shared()
        let name = cluster.databaseName(location)
        _ = try cluster.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
    }

    @Test("a read after the server dropped the pool's connection reconnects instead of failing once; the feed hears the next write")
    func reconnects() throws {
        let db = try TempDatabase(.postgres)
        let store = try db.store()
        try store.post(.chat, text: "before")
        let feed = try ChangeFeed(store: store)
        #expect(try store.timeline().count == 1)
        try Self.dropSessions(of: db.path)
        #expect(try store.timeline().map(\.body) == ["before"])
        try db.store(author: "bob").post(.chat, text: "after")
        #expect(feed.nextChange().contains(.timeline))
        #expect(try store.timeline().map(\.body) == ["before", "after"])
    }
}
