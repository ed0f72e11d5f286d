import Foundation

/// Who runs the collectors of a database right now. Exactly one process
/// holds the lease; it renews it every heartbeat, and anyone may take it
/// once it has expired.
public struct CollectorLease: Codable, Sendable, Equatable {
    public var holder: String
    public var acquiredAt: Date
    public var heartbeatAt: Date
    public var expiresAt: Date

    public init(holder: String, acquiredAt: Date, heartbeatAt: Date, expiresAt: Date) {
        self.holder = holder
        self.acquiredAt = acquiredAt
        self.heartbeatAt = heartbeatAt
        self.expiresAt = expiresAt
    }
}
