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

@Suite("A change feed whose server goes away")
struct ChangeFeedOutageTests {
    @Test("while the server is down the feed says why and since when; back up, it clears and reports what changed")
    func troubleComesAndGoes() throws {
        let cluster = try PostgresCluster.standalone()
        defer { cluster.stop() }
        let url = try cluster.createDatabase()
        let store = try WarRoomStore(path: url)
        try store.post(.chat, text: "before")
        let feed = try ChangeFeed(store: store)
        feed.start()
        defer { feed.stop() }
        #expect(feed.trouble == nil)

        let stoppedAt = Date()
        try cluster.stopServer(mode: "fast")
        #expect(waitUntil(5) { feed.trouble != nil })
        let trouble = try #require(feed.trouble)
        #expect(trouble.text.contains("cannot reach the server"), "\(trouble.text)")
        #expect(!trouble.text.contains(url), "the reason, without the location the screen already names")
        #expect(trouble.since >= stoppedAt.addingTimeInterval(-0.1))
        #expect(feed.trouble?.since == trouble.since, "since stays the first failure's time")

        try cluster.start()
        try WarRoomStore(path: url, author: "bob").post(.chat, text: "after the restart")
        #expect(waitUntil(10) { feed.trouble == nil })
        #expect(waitUntil(5) { feed.takeChanges().contains(.timeline) })
    }

    private func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }
}
