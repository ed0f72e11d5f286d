import Foundation
import WarRoomModel

/// A database the store can run on: it opens, migrates and checks what it
/// connects to, runs transactions, and tells the change feed when anything
/// was committed. One per backend (SQLite through GRDB, PostgreSQL through
/// libpq); nothing outside the backends sees a connection.
public protocol StoreBackend: Sendable {
    /// The `--db` value, as the user gave it (a path, or a URL without its password).
    var location: String { get }
    var isReadOnly: Bool { get }
    /// A write transaction (immediate on SQLite), committed when `body` returns.
    func write<T>(_ body: (SQLConnection) throws -> T) throws -> T
    /// A read on a consistent snapshot.
    func read<T>(_ body: (SQLConnection) throws -> T) throws -> T
    /// Throws when the database this backend opened is no longer the one at
    /// its location (an SQLite file deleted or replaced under it).
    func checkStillThere() throws
    /// A watcher of its own for the change feed (its own connection).
    func makeChangeProbe() throws -> ChangeProbe
    /// Facts about the database for `warroom init` and diagnostics.
    func schemaVersion() throws -> Int
    func integrityCheck() throws -> String
}

/// Tells the change feed what was committed, by anyone, since it last asked.
public protocol ChangeProbe: AnyObject {
    /// The change counters per topic when something may have changed since
    /// the last call (the first call always reads them), nil when nothing did.
    func changedCounters() throws -> [String: Int64]?
    /// Waits up to `timeout` for news of a commit; returns early when the
    /// backend is told of one (PostgreSQL's NOTIFY), else after `timeout`
    /// (SQLite has nothing to wait on: the feed asks again each interval).
    func waitForNews(timeout: TimeInterval)
}

extension ChangeProbe {
    public func waitForNews(timeout: TimeInterval) {
        Thread.sleep(forTimeInterval: timeout)
    }
}
