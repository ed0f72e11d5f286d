import Foundation
import Testing
@testable import WarRoomCore

@Suite("Opening the database")
struct StoreOpeningTests {
    @Test("a new file is created in WAL mode with the current schema; opening again is a no-op")
    func createAndReopen() throws {
        let db = TempDatabase()
        let first = try db.store()
        #expect(try first.schemaVersion() == WarRoomStore.currentSchemaVersion)
        try first.post(.chat, text: "kept")
        let second = try db.store()
        #expect(try second.timeline().map(\.body) == ["kept"])
        #expect(FileManager.default.fileExists(atPath: db.path + "-wal"))
    }

    @Test("read-only handles refuse to write and need an existing file")
    func readOnly() throws {
        let db = TempDatabase()
        #expect(throws: WarRoomError.databaseMissing(db.path)) { try WarRoomStore(path: db.path, mode: .readOnly) }
        try db.store().post(.chat, text: "hi")
        let ro = try WarRoomStore(path: db.path, mode: .readOnly)
        #expect(try ro.timeline().count == 1)
        #expect(throws: WarRoomError.self) { try ro.post(.chat, text: "nope") }
        #expect(try ro.timeline().count == 1)
    }

    @Test("a file from a newer warroom is refused, not rewritten")
    func newerSchema() throws {
        let db = TempDatabase()
        _ = try db.store()
        let raw = try GRDBHelper.queue(db.path)
        try raw.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')") }
        #expect(throws: WarRoomError.self) { try db.store() }
        // The message names what is newer, not a count that looks the same.
        let error = #expect(throws: WarRoomError.self) { try WarRoomStore(path: db.path, mode: .readOnly) }
        #expect("\(error.map(String.init(describing:)) ?? "")".contains("migration \"v99: from the future\" is unknown"))
    }

    @Test("the change feed refuses a FIFO put where the file was, instead of blocking on it")
    func feedRefusesFIFO() throws {
        let db = TempDatabase()
        let store = try db.store()
        let fifo = db.path + ".fifo"
        #expect(mkfifo(fifo, 0o666) == 0)
        #expect(rename(fifo, db.path) == 0)
        // Held open so that a feed that did open it fails instead of hanging.
        let holder = open(db.path, O_RDWR | O_NONBLOCK)
        defer { close(holder) }
        let error = #expect(throws: WarRoomError.self) { try ChangeFeed(store: store) }
        #expect("\(error.map(String.init(describing:)) ?? "")".contains("is a FIFO (named pipe), not a database file"))
    }

    @Test("default location: flag, then $WARROOM_DB, then XDG state")
    func location() {
        #expect(DatabaseLocation.resolve(flag: "/x.db", environment: ["WARROOM_DB": "/y.db"]) == "/x.db")
        #expect(DatabaseLocation.resolve(flag: nil, environment: ["WARROOM_DB": "/y.db"]) == "/y.db")
        if !FileManager.default.fileExists(atPath: DatabaseLocation.sharedDirectory) {
            #expect(DatabaseLocation.resolve(flag: nil, environment: ["HOME": "/home/al"]) == "/home/al/.local/state/warroom/warroom.db")
            #expect(DatabaseLocation.resolve(flag: nil, environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/warroom/warroom.db")
        } else {
            #expect(DatabaseLocation.resolve(flag: nil, environment: [:]) == "/var/lib/warroom/warroom.db")
        }
    }
}

import GRDB
enum GRDBHelper {
    static func queue(_ path: String) throws -> DatabaseQueue { try DatabaseQueue(path: path) }
}
