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
