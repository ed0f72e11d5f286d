import Foundation
import Testing
@testable import WarRoomCore

@Suite("The database file deleted or replaced while open")
struct FileReplacedTests {
    @Test("a write into a deleted file is refused with the reason, not lost silently")
    func deleted() throws {
        let db = TempDatabase()
        let store = try db.store()
        try store.post(.chat, text: "before")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db.path + suffix) }
        #expect(throws: WarRoomError.databaseFailed(db.path, reason: "the file was deleted while warroom had it open; nothing was written. Restore it (or `warroom init`) and start warroom again")) {
            try store.post(.chat, text: "into the void")
        }
        #expect(throws: (any Error).self) { try store.checkFile() }
    }

    @Test("a file replaced by a restore: writes are refused until warroom is started again, which then uses the new file")
    func replaced() throws {
        let db = TempDatabase()
        let store = try db.store()
        try store.post(.chat, text: "old file")
        let restored = db.dir + "/restored.db"
        do {
            let other = try WarRoomStore(path: restored, author: "bob")
            try other.post(.chat, text: "from the backup")
        }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: db.path + suffix)
            try? FileManager.default.moveItem(atPath: restored + suffix, toPath: db.path + suffix)
        }
        do {
            try store.post(.chat, text: "would go to the old inode")
            Issue.record("the write went to a file no one else sees")
        } catch let error as WarRoomError {
            #expect(error.description.contains("the file was replaced while warroom had it open; nothing was written"))
        }
        let again = try db.store()
        try again.post(.chat, text: "after restart")
        #expect(try again.timeline(kinds: [.chat]).map(\.body) == ["from the backup", "after restart"])
    }
}
