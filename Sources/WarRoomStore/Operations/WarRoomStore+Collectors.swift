import Foundation
import WarRoomModel

extension WarRoomStore {
    // MARK: - The lease: one process runs the collectors

    /// Takes the collector lease if it is free, expired or already ours, for
    /// `ttl` seconds. Returns whether `holder` holds it now.
    public func acquireCollectorLease(holder: String, ttl: TimeInterval) throws -> Bool {
        let now = clock()
        return try write(touching: []) { db in
            let row = try db.fetchOne("SELECT holder, expires_at FROM collector_lease WHERE id = 1")
            if let row, (row["holder"] as String) != holder, (row["expires_at"] as Int64) > now.millis {
                return false
            }
            let kept = row.map { ($0["holder"] as String) == holder } ?? false
            try db.execute("""
                INSERT INTO collector_lease(id, holder, acquired_at, heartbeat_at, expires_at) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET holder = excluded.holder,
                    acquired_at = CASE WHEN ? = 1 THEN collector_lease.acquired_at ELSE excluded.acquired_at END,
                    heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
                """, [holder, now.millis, now.millis, now.addingTimeInterval(ttl).millis, kept])
            return true
        }
    }

    /// Extends our lease; false when it is no longer ours (it expired and
    /// another process took it), and the caller must stop collecting.
    public func renewCollectorLease(holder: String, ttl: TimeInterval) throws -> Bool {
        let now = clock()
        return try write(touching: []) { db in
            try db.execute("UPDATE collector_lease SET heartbeat_at = ?, expires_at = ? WHERE id = 1 AND holder = ?",
                           [now.millis, now.addingTimeInterval(ttl).millis, holder]) == 1
        }
    }

    /// Gives the lease up at once, so another process need not wait for it
    /// to expire.
    public func releaseCollectorLease(holder: String) throws {
        try write(touching: [.collectors]) { db in
            try db.execute("DELETE FROM collector_lease WHERE id = 1 AND holder = ?", [holder])
        }
    }

    public func collectorLease() throws -> CollectorLease? {
        try read { db in
            try db.fetchOne("SELECT * FROM collector_lease WHERE id = 1").map { row in
                CollectorLease(holder: row["holder"], acquiredAt: row.date("acquired_at"),
                               heartbeatAt: row.date("heartbeat_at"), expiresAt: row.date("expires_at"))
            }
        }
    }

    // MARK: - What collectors saw, and how they are doing

    /// How one poll ended, for the health table.
    public struct CollectorRun: Sendable {
        public var name: String
        public var kind: String
        public var interval: TimeInterval
        public var startedAt: Date
        /// Nil when the poll succeeded.
        public var error: String?
        public var nextRunAt: Date?

        public init(name: String, kind: String, interval: TimeInterval, startedAt: Date, error: String?, nextRunAt: Date?) {
            self.name = name
            self.kind = kind
            self.interval = interval
            self.startedAt = startedAt
            self.error = error
            self.nextRunAt = nextRunAt
        }
    }

    /// Writes a poll's observations and the collector's health in one
    /// transaction, only while `holder` holds the lease: a process that lost
    /// it (paused, then woken after another took over) writes nothing.
    /// Returns the collector's health after the run.
    @discardableResult
    public func recordCollection(_ observations: Observations, run: CollectorRun, holder: String) throws -> CollectorHealth {
        // Where text from every collector and the webhook is accepted.
        let observations = observations.withoutNUL()
        var run = run
        run.error = run.error.map(TextInput.withoutNUL)
        let now = clock()
        var topics: Set<ChangeTopic> = []
        // Alerts bump their topics below, and only when a poll changed
        // something: most polls of a storm see the same alerts again.
        if !observations.checks.isEmpty { topics.formUnion([.checks, .timeline]) }
        if !observations.logs.isEmpty { topics.insert(.logs) }
        if !observations.events.isEmpty { topics.insert(.timeline) }
        return try write(touching: topics) { db in
            let current = try db.scalar(String.self, "SELECT holder FROM collector_lease WHERE id = 1 AND expires_at > ?",
                                              [now.millis])
            guard current == holder else { throw WarRoomError.leaseLost(holder: holder, now: current) }
            let source = run.name
            if !observations.alerts.isEmpty || observations.alertsAreComplete {
                let changes = try recordAlerts(db, observations.alerts, snapshotOf: observations.alertsAreComplete ? source : nil,
                                               alsoCovering: observations.alertsAlsoCover, at: now)
                if changes.changedWhatScreensShow { try Self.bump(db, [.alerts, .timeline]) }
            }
            if !observations.checks.isEmpty { _ = try recordChecks(db, observations.checks) }
            if !observations.logs.isEmpty { _ = try insertLogs(db, observations.logs) }
            if let position = observations.position { try savePosition(db, position, collector: source, at: now) }
            for e in observations.events {
                var details = e.details
                details["collector"] = source
                try appendEvent(db, incidentID: e.incidentID, kind: .note, body: e.body, details: details, at: e.at, author: source)
            }
            var error = run.error ?? observations.failure
            if error == nil, !observations.problems.isEmpty {
                let n = observations.problems.count
                error = n == 1 ? observations.problems[0] : "\(n) problems; first: \(observations.problems[0])"
            }
            let failed = run.error != nil || observations.failure != nil
            let before = try db.fetchOne("SELECT consecutive_failures, last_error FROM collector_health WHERE name = ?",
                                          [run.name])
            let health = try recordHealth(db, run: run, holder: holder, error: error, failed: failed,
                                          summary: failed && observations.isEmpty ? nil : observations.summary, at: now)
            // Screens show failures and errors, not the time of each run:
            // a healthy poll every second must not make every war room
            // reload and recompose.
            if before.map({ ($0[0] as Int) != health.consecutiveFailures || ($0[1] as String?) != health.lastError }) ?? true {
                try Self.bump(db, [.collectors])
            }
            return health
        }
    }

    /// Records a poll that produced nothing to write (it failed, or timed
    /// out), under the same lease check.
    @discardableResult
    public func recordCollectorFailure(run: CollectorRun, holder: String) throws -> CollectorHealth {
        try recordCollection(Observations(), run: run, holder: holder)
    }

    private func recordHealth(_ db: SQLConnection, run: CollectorRun, holder: String, error: String?, failed: Bool,
                              summary: String?, at now: Date) throws -> CollectorHealth {
        try db.execute("""
            INSERT INTO collector_health(name, kind, holder, interval_ms, last_run_at, last_success_at, last_error,
                                         last_error_at, consecutive_failures, runs, next_run_at, last_summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
            ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, holder = excluded.holder,
                interval_ms = excluded.interval_ms, last_run_at = excluded.last_run_at,
                last_success_at = coalesce(excluded.last_success_at, collector_health.last_success_at),
                last_error = CASE WHEN excluded.last_error IS NULL AND ? = 0 THEN NULL ELSE coalesce(excluded.last_error, collector_health.last_error) END,
                last_error_at = coalesce(excluded.last_error_at, collector_health.last_error_at),
                consecutive_failures = CASE WHEN ? = 1 THEN collector_health.consecutive_failures + 1 ELSE 0 END,
                runs = collector_health.runs + 1, next_run_at = excluded.next_run_at,
                last_summary = coalesce(excluded.last_summary, collector_health.last_summary)
            """, [run.name, run.kind, holder, Int64(run.interval * 1000), now.millis,
                             failed ? nil : now.millis, error, error == nil ? nil : now.millis, failed ? 1 : 0,
                             run.nextRunAt?.millis, summary, failed, failed])
        return try db.fetchOne("SELECT * FROM collector_health WHERE name = ?", [run.name]).map(CollectorHealth.init(row:))!
    }

    /// Where a log file collector has read to, as last stored with its
    /// lines (nil before its first poll stored anything).
    public func logFilePosition(collector name: String) throws -> LogFilePosition? {
        try read { db in
            try db.fetchOne("SELECT device, inode, read_to, host FROM collector_position WHERE name = ?", [name]).map { row in
                LogFilePosition(device: UInt64(bitPattern: row["device"]), inode: UInt64(bitPattern: row["inode"]),
                                offset: row["read_to"], host: row["host"])
            }
        }
    }

    private func savePosition(_ db: SQLConnection, _ p: LogFilePosition, collector name: String, at now: Date) throws {
        try db.execute("""
            INSERT INTO collector_position(name, device, inode, read_to, host, updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET device = excluded.device, inode = excluded.inode,
                read_to = excluded.read_to, host = excluded.host, updated_at = excluded.updated_at
            """, [name, Int64(bitPattern: p.device), Int64(bitPattern: p.inode), p.offset, p.host, now.millis])
    }

    /// Every collector that ever ran on this database, by name.
    public func collectorHealth() throws -> [CollectorHealth] {
        try read { db in
            try db.fetchAll("SELECT * FROM collector_health ORDER BY name").map(CollectorHealth.init(row:))
        }
    }
}

extension CollectorHealth {
    init(row: SQLRow) {
        self.init(name: row["name"], kind: row["kind"], holder: row["holder"],
                  interval: Double(row["interval_ms"] as Int64) / 1000,
                  lastRunAt: row.optionalDate("last_run_at"), lastSuccessAt: row.optionalDate("last_success_at"),
                  lastError: row["last_error"], lastErrorAt: row.optionalDate("last_error_at"),
                  consecutiveFailures: row["consecutive_failures"], runs: row["runs"],
                  nextRunAt: row.optionalDate("next_run_at"), lastSummary: row["last_summary"])
    }
}
