import Foundation
import WarRoomModel
import WarRoomStore
import CLibPQ

/// The change feed's watcher for PostgreSQL: a session of its own that
/// LISTENs on the channel every write notifies in its transaction, and
/// reads the topic counters only when a notification came (or on the first
/// call). A hot standby refuses LISTEN ("cannot execute LISTEN during
/// recovery"), so there it reads the counters on every call instead: the
/// feed compares them and reports only what moved.
final class PostgresChangeProbe: ChangeProbe {
    private let session: PostgresSession
    private let location: String
    private var listening = false
    private var primed = false
    /// A notification taken off the connection by `waitForNews`, not yet
    /// answered by reading the counters.
    private var heard = false

    init(session: PostgresSession, location: String) throws {
        self.session = session
        self.location = location
        try listen()
    }

    private func listen() throws {
        do {
            try session.run("LISTEN \(PostgresSchema.channel)").check()
            listening = true
        } catch let error as PostgresError where error.sqlState == "25006" {
            listening = false  // in recovery: a standby
        } catch let error as PostgresError {
            throw PostgresErrors.translate(error, location: location, writing: false)
        }
    }

    func changedCounters() throws -> [String: Int64]? {
        if !session.isAlive() {
            // Whatever was notified while it was gone is lost: read afresh.
            try session.reset(location: location)
            try listen()
            primed = false
        }
        let news = heard || drainNotifications()
        heard = false
        if listening && primed && !news { return nil }
        primed = true
        let rows = try PostgresErrors.map(location, writing: false) {
            try session.run("SELECT topic, version FROM change_counter").rows()
        }
        var counters: [String: Int64] = [:]
        for row in rows { counters[row["topic"]] = row["version"] }
        return counters
    }

    /// Sleeps on the connection's socket until the server sends something
    /// (a notification, or the end of the connection) or `timeout` passes.
    /// A standby cannot LISTEN: it waits the whole interval.
    func waitForNews(timeout: TimeInterval) {
        guard listening, primed, !session.isBroken else {
            Thread.sleep(forTimeInterval: timeout)
            return
        }
        // Notifications that came in with the last query's answer are
        // already read off the socket: poll() would not see them.
        if drainNotifications() {
            heard = true
            return
        }
        var descriptor = pollfd(fd: PQsocket(session.conn), events: Int16(POLLIN), revents: 0)
        guard descriptor.fd >= 0 else {
            Thread.sleep(forTimeInterval: timeout)
            return
        }
        _ = poll(&descriptor, 1, Int32(max(1, timeout * 1000)))
    }

    /// Whether any notification arrived since the last call (input already
    /// read by `isAlive`, without blocking).
    private func drainNotifications() -> Bool {
        var any = false
        while let note = PQnotifies(session.conn) {
            any = true
            PQfreemem(note)
        }
        return any
    }
}
