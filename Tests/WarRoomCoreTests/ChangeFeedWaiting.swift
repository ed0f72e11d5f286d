import Foundation
@testable import WarRoomCore

extension ChangeFeed {
    /// The topics of the next change it sees, waiting up to `limit` for one:
    /// SQLite's `data_version` moves at the commit, a PostgreSQL NOTIFY
    /// reaches the listener a moment after it. Empty when nothing moved.
    func nextChange(within limit: TimeInterval = 5) -> Set<ChangeTopic> {
        let deadline = Date().addingTimeInterval(limit)
        repeat {
            let moved = poll()
            if !moved.isEmpty { return moved }
            usleep(2_000)
        } while Date() < deadline
        return []
    }
}
