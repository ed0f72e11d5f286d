import Foundation
import WarRoomCore

/// The status line of a screen whose database cannot be read (a server
/// restarting, a failover under way): the screen keeps the picture it had,
/// says since when it is stale and why, and reconnects by itself.
enum OutageLine {
    static func text(reason: String, since: Date, now: Date = Date()) -> String {
        "database unreachable, retrying · picture from \(TimeText.short(since, now: now)) "
            + "(\(DurationText.compact(max(0, now.timeIntervalSince(since))))) · \(reason)"
    }

    /// The error without the database's location: the user knows which.
    static func reason(_ error: Error) -> String {
        (error as? WarRoomError)?.reason ?? "\(error)"
    }
}
