import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite("The timeline")
struct TimelineStoreTests {
    @Test("is append-only even to someone with raw SQL", arguments: TestBackend.allCases)
    func appendOnly(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        try store.post(.chat, text: "hello")
        for sql in ["UPDATE event SET body = 'rewritten'", "DELETE FROM event"] {
            let refusal = #expect(throws: (any Error).self) { try db.rawSQL(sql) }
            #expect("\(refusal.map { "\($0)" } ?? "")".contains("the timeline is append-only"), "\(sql)")
        }
        #expect(try store.timeline().map(\.body) == ["hello"])
    }

    @Test("filters: incident, since, after id, kinds, newest N", arguments: TestBackend.allCases)
    func filters(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let id = try store.declare(title: "x", severity: .sev2).id
        clock.advance(60)
        let general = try store.post(.chat, text: "anyone seen the api?")
        clock.advance(60)
        let note = try store.post(.note, text: "deploy 41 went out at 06:40", incidentID: id)
        #expect(try store.timeline(incidentID: id).map(\.kind) == [.declared, .note])
        #expect(try store.timeline(since: clock.now.addingTimeInterval(-90)).map(\.id) == [general.id, note.id])
        #expect(try store.timeline(afterID: general.id).map(\.id) == [note.id])
        #expect(try store.timeline(kinds: [.chat]).map(\.id) == [general.id])
        #expect(try store.timeline(limit: 2).map(\.id) == [general.id, note.id])
        #expect(try store.latestEventID() == note.id)
    }

    @Test("authors are the handle's login; text limits hold", arguments: TestBackend.allCases)
    func authorsAndLimits(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let alice = try db.store(author: "alice")
        let bob = try db.store(author: "bob")
        try alice.post(.chat, text: "I'll take the DB")
        try bob.post(.chat, text: "I have the API")
        #expect(try alice.timeline().map(\.author) == ["alice", "bob"])
        #expect(throws: WarRoomError.self) { try alice.post(.chat, text: String(repeating: "x", count: 65_537)) }
        #expect(try alice.post(.chat, text: "nul\u{0}byte").body == "nul␀byte", "NUL shown, the rest kept")
        #expect(throws: WarRoomError.self) { try alice.post(.declared, text: "sneaky") }
        try alice.post(.chat, text: String(repeating: "x", count: 65_536))
        #expect(try alice.timeline().count == 4)
    }

    @Test("the OS login is the default author")
    func osLogin() throws {
        let db = TempDatabase()
        let store = try WarRoomStore(path: db.path)
        #expect(store.author == Author.current)
        #expect(!Author.current.isEmpty)
        let expected = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        #expect(Author.current == expected)
    }
}
