import Foundation

/// Something that looks at the world on a schedule: an Alertmanager, a
/// Nagios plugin, a log file, a URL, a program of your own.
///
/// The runner calls `poll` on the collector's own serial Dispatch queue,
/// never two at once, so a collector may keep state (a file offset) without
/// locks; it is `Sendable` only to travel to that queue. `poll` should
/// return within `timeout`; one that does not is reported as timed out and
/// cannot hold up any other collector or the screen.
public protocol Collector: AnyObject, Sendable {
    var name: String { get }
    /// The config's `type` ("alertmanager", "nagios" …).
    var kind: String { get }
    var interval: TimeInterval { get }
    var timeout: TimeInterval { get }
    func poll() throws -> Observations
}

/// A collector that is told rather than asks: the Alertmanager webhook.
/// `deliver` returns once what was delivered is committed (and throws if it
/// could not be), so the sender may be answered only then.
public protocol ListeningCollector: AnyObject, Sendable {
    var name: String { get }
    var kind: String { get }
    /// Starts listening; throws if it cannot (the port is taken).
    func start(deliver: @escaping @Sendable (Observations) throws -> Void) throws
    func stop()
}
