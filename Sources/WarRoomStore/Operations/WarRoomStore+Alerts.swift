import Foundation
import WarRoomModel

extension WarRoomStore {
    /// What one `recordAlerts` call changed.
    public struct AlertChanges: Sendable, Equatable {
        public var fired: Int = 0
        public var resolved: Int = 0
        public var refreshed: Int = 0
        /// Of `refreshed`, those seen again with nothing changed but when
        /// they were last seen, which no screen shows.
        public var unchanged: Int = 0

        /// Whether anything a screen shows changed: a poll that only saw
        /// the same alerts again must not make every war room regroup.
        public var changedWhatScreensShow: Bool { fired + resolved + refreshed > unchanged }
    }

    /// Records what a collector saw, deduplicated by fingerprint: a new or
    /// re-firing alert and a resolution each leave one timeline event; a
    /// repeat only refreshes the row. With `snapshotOf`, firing alerts of
    /// that source that are missing from the batch are marked resolved (a
    /// poll that returns every active alert), and the alerts in the batch
    /// become that source's even if another road (the webhook) brought them
    /// first: the complete view is the one that can tell they are gone.
    @discardableResult
    public func recordAlerts(_ observations: [AlertObservation], snapshotOf source: String? = nil) throws -> AlertChanges {
        let now = clock()
        return try write(touching: [.alerts, .timeline]) { db in
            try recordAlerts(db, observations, snapshotOf: source, alsoCovering: [], at: now)
        }
    }

    /// `alsoCovering`: other sources whose firing alerts the snapshot also
    /// speaks for (an Alertmanager poll covers what its webhook brought).
    ///
    /// A poll repeats most alerts unchanged. The rows of the batch are read
    /// in one query per 500 fingerprints, and the alerts that changed in
    /// nothing but being seen again are refreshed in one UPDATE: a storm of
    /// 1,000 alerts costs a handful of round trips, not 2,000 (from a
    /// bastion in another region, each is tens of milliseconds).
    func recordAlerts(_ db: SQLConnection, _ observations: [AlertObservation], snapshotOf source: String?,
                      alsoCovering covered: [String], at now: Date) throws -> AlertChanges {
        var changes = AlertChanges()
        var known = try storedAlerts(db, fingerprints: observations.map(\.fingerprint))
        var linker = try ServiceLinker(serviceIncidents(db), rule: { try linkRule(db) })
        var seenAgain: [Int64] = []
        for o in observations {
            let labels = JSONText.encode(o.labels), annotations = JSONText.encode(o.annotations)
            if let existing = known[o.fingerprint] {
                let reopens = existing.state == .resolved && o.state == .firing
                let closes = existing.state == .firing && o.state == .resolved
                if !reopens, !closes, existing.matches(o, labels: labels, annotations: annotations, takingSource: source != nil) {
                    seenAgain.append(existing.id)
                    changes.refreshed += 1
                    changes.unchanged += 1
                    continue
                }
                try db.execute("""
                    UPDATE alert SET state = ?, source = CASE WHEN ? = 1 THEN ? ELSE source END,
                        name = ?, severity = ?, summary = ?, labels = ?, annotations = ?,
                        starts_at = ?, ends_at = ?, last_seen_at = ?,
                        acked_by = CASE WHEN ? = 1 THEN NULL ELSE acked_by END,
                        acked_at = CASE WHEN ? = 1 THEN NULL ELSE acked_at END,
                        silenced_until = CASE WHEN ? = 1 THEN ? ELSE silenced_until END
                    WHERE id = ?
                    """, [o.state.rawValue, source != nil, o.source, o.name, o.severity, o.summary, labels, annotations,
                                     o.startsAt.millis, o.endsAt?.millis, now.millis, reopens, reopens,
                                     o.silencedBy != nil, o.silencedUntil?.millis, existing.id])
                known[o.fingerprint] = StoredAlert(id: existing.id, incidentID: existing.incidentID, observation: o,
                                                   labels: labels, annotations: annotations,
                                                   source: source != nil ? o.source : existing.source,
                                                   silencedUntil: o.silencedBy != nil ? o.silencedUntil?.millis : existing.silencedUntil)
                if reopens {
                    var incidentID = existing.incidentID
                    if incidentID == nil, let link = linker.incident(for: o.labels),
                       try db.scalar(Int64.self, "SELECT unlinked_from FROM alert WHERE id = ?", [existing.id]) != link.id {
                        try db.execute("UPDATE alert SET incident_id = ? WHERE id = ?", [link.id, existing.id])
                        known[o.fingerprint]?.incidentID = link.id
                        incidentID = link.id
                        try linkedEvent(db, o, alertID: existing.id, link: link, at: now, counting: &linker)
                    }
                    try alertEvent(db, .alertFired, o, incidentID: incidentID, at: now)
                    changes.fired += 1
                } else if closes {
                    try alertEvent(db, .alertResolved, o, incidentID: existing.incidentID, at: now)
                    changes.resolved += 1
                } else {
                    changes.refreshed += 1
                }
            } else {
                let link = o.state == .firing ? linker.incident(for: o.labels) : nil
                let id = try db.insert("""
                    INSERT INTO alert(fingerprint, source, name, severity, state, summary, labels, annotations,
                                      starts_at, ends_at, last_seen_at, silenced_until, incident_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [o.fingerprint, o.source, o.name, o.severity, o.state.rawValue, o.summary,
                                     labels, annotations, o.startsAt.millis, o.endsAt?.millis, now.millis,
                                     o.silencedUntil?.millis, link?.id])
                // The same fingerprint again later in this batch is a repeat.
                known[o.fingerprint] = StoredAlert(id: id, incidentID: link?.id, observation: o, labels: labels,
                                                   annotations: annotations, source: o.source, silencedUntil: o.silencedUntil?.millis)
                if let link { try linkedEvent(db, o, alertID: id, link: link, at: now, counting: &linker) }
                try alertEvent(db, o.state == .firing ? .alertFired : .alertResolved, o, incidentID: link?.id, at: now)
                if o.state == .firing { changes.fired += 1 } else { changes.resolved += 1 }
            }
        }
        // A link moved an incident's detection back: its readers reload.
        if linker.linked > 0 { try Self.bump(db, [.incidents]) }
        for chunk in Self.chunks(seenAgain) {
            try db.execute("UPDATE alert SET last_seen_at = ? WHERE id IN (\(Self.marks(chunk.count)))",
                           SQLArguments([now.millis.sqlValue] + chunk.map(\.sqlValue)))
        }
        if let source {
            let seen = Set(observations.map(\.fingerprint))
            let sources = [source] + covered
            let stale = try db.fetchAll("SELECT * FROM alert WHERE source IN (\(Self.marks(sources.count))) AND state = 'firing'",
                                         SQLArguments(sources.map(\.sqlValue)))
                .map(Alert.init(row:)).filter { !seen.contains($0.fingerprint) }
            for alert in stale {
                try db.execute("UPDATE alert SET state = 'resolved', ends_at = coalesce(ends_at, ?) WHERE id = ?",
                               [now.millis, alert.id])
                let o = AlertObservation(fingerprint: alert.fingerprint, source: alert.source, name: alert.name,
                                         severity: alert.severity, state: .resolved, summary: alert.summary,
                                         labels: alert.labels, startsAt: alert.startsAt, endsAt: now)
                try alertEvent(db, .alertResolved, o, incidentID: alert.incidentID, at: now)
                changes.resolved += 1
            }
        }
        return changes
    }

    /// An alert that linked itself as it fired, by the incident's service.
    private func linkedEvent(_ db: SQLConnection, _ o: AlertObservation, alertID: Int64,
                             link: (id: Int64, service: String), at now: Date, counting linker: inout ServiceLinker) throws {
        linker.linked += 1
        try appendEvent(db, incidentID: link.id, kind: .alertLinked, body: "linked alert #\(alertID) \(o.name) (service \(link.service))",
                        details: ["fingerprint": o.fingerprint, "alert": String(alertID), "by": "service", "service": link.service],
                        at: now, author: o.source)
    }

    private func alertEvent(_ db: SQLConnection, _ kind: EventKind, _ o: AlertObservation, incidentID: Int64?, at now: Date) throws {
        try appendEvent(db, incidentID: incidentID, kind: kind, body: "\(o.name): \(o.summary)",
                        details: ["fingerprint": o.fingerprint, "severity": o.severity, "source": o.source],
                        at: now, author: o.source)
        if kind == .alertFired, let incidentID {
            try db.execute("UPDATE incident SET detected_at = \(db.dialect.least("coalesce(detected_at, ?)", "?")) WHERE id = ?",
                           [o.startsAt.millis, o.startsAt.millis, incidentID])
        }
    }

    /// Alerts, firing first (worst severity, then newest); resolved ones
    /// only with `includeResolved`.
    public func alerts(includeResolved: Bool = false) throws -> [Alert] {
        try read { db in
            let sql = includeResolved ? "SELECT * FROM alert" : "SELECT * FROM alert WHERE state = 'firing'"
            return Self.feedOrder(try db.fetchAll(sql).map(Alert.init(row:)))
        }
    }

    /// `AlertObservation`'s severity ranking as an SQL expression over the
    /// `severity` column, so SQL orders and cuts the feed.
    static let severityRankSQL: String =
        "CASE " + AlertObservation.severityLabelsByRank.enumerated().map { rank, labels in
            "WHEN lower(severity) IN (" + labels.map { "'\($0)'" }.joined(separator: ", ") + ") THEN \(rank)"
        }.joined(separator: " ") + " ELSE \(AlertObservation.severityLabelsByRank.count) END"

    /// Firing first, worst severity first, newest first; the rank of each
    /// severity label worked out once per alert, not per comparison.
    static func feedOrder(_ alerts: [Alert]) -> [Alert] {
        alerts.map { ($0.severityRank, $0) }.sorted { x, y in
            let (ra, a) = x, (rb, b) = y
            if a.state != b.state { return a.state == .firing }
            if ra != rb { return ra < rb }
            return a.startsAt > b.startsAt
        }.map(\.1)
    }

    /// Finds an alert by its id (`12`, `#12`), its fingerprint or a unique
    /// fingerprint prefix, or its alert name when only one firing alert has it.
    public func findAlert(_ reference: String) throws -> Alert {
        let ref = reference.trimmingCharacters(in: .whitespaces)
        return try read { db in
            let bare = ref.hasPrefix("#") ? String(ref.dropFirst()) : ref
            if let id = Int64(bare), let row = try db.fetchOne("SELECT * FROM alert WHERE id = ?", [id]) {
                return Alert(row: row)
            }
            let byPrint = try db.fetchAll("SELECT * FROM alert WHERE fingerprint >= ? AND fingerprint < ? LIMIT 2",
                                           [ref, ref + "\u{10FFFF}"])
            if byPrint.count == 1, !ref.isEmpty { return Alert(row: byPrint[0]) }
            let byName = try db.fetchAll("SELECT * FROM alert WHERE name = ? AND state = 'firing' LIMIT 2", [ref])
            if byName.count == 1 { return Alert(row: byName[0]) }
            if byName.count > 1 || byPrint.count > 1 {
                throw WarRoomError.invalid("\"\(TextSanitizer.displayable(ref))\" matches several alerts; use the alert's number")
            }
            throw WarRoomError.alertNotFound("\"\(TextSanitizer.displayable(ref))\"")
        }
    }

    /// Acknowledges an alert: someone is on it. With an incident, the alert
    /// is linked to it and counts for its time to detect and acknowledge.
    @discardableResult
    public func ackAlert(id: Int64, incidentID: Int64? = nil) throws -> Alert {
        let now = clock()
        return try write(touching: [.alerts, .timeline, .incidents]) { db in
            guard let row = try db.fetchOne("SELECT * FROM alert WHERE id = ?", [id]) else {
                throw WarRoomError.alertNotFound("#\(id)")
            }
            let alert = Alert(row: row)
            if let by = alert.ackedBy { throw WarRoomError.invalid("alert #\(id) is already acknowledged by \(by)") }
            // An alert already linked stays with its incident: acknowledging
            // it while another incident is selected must not move it.
            let link = alert.incidentID ?? incidentID
            if let link {
                _ = try requireIncident(db, link)
                try db.execute("""
                    UPDATE incident SET acknowledged_at = \(db.dialect.least("coalesce(acknowledged_at, ?)", "?")),
                                        detected_at = \(db.dialect.least("coalesce(detected_at, ?)", "?")) WHERE id = ?
                    """, [now.millis, now.millis, alert.startsAt.millis, alert.startsAt.millis, link])
            }
            try db.execute("UPDATE alert SET acked_by = ?, acked_at = ?, incident_id = ? WHERE id = ?",
                           [author, now.millis, link, id])
            try appendEvent(db, incidentID: link, kind: .alertAcked, body: "\(alert.name): \(alert.summary)",
                            details: ["fingerprint": alert.fingerprint, "alert": String(id)], at: now)
            return Alert(row: try db.fetchOne("SELECT * FROM alert WHERE id = ?", [id])!)
        }
    }

    public func alert(_ id: Int64) throws -> Alert {
        try read { db in
            guard let row = try db.fetchOne("SELECT * FROM alert WHERE id = ?", [id]) else {
                throw WarRoomError.alertNotFound("#\(id)")
            }
            return Alert(row: row)
        }
    }

    /// Records a silence that was created at the source (Alertmanager).
    @discardableResult
    public func markSilenced(id: Int64, until: Date, comment: String, silenceID: String, incidentID: Int64? = nil) throws -> Alert {
        let comment = try TextInput.required(comment, field: "the silence comment", singleLine: true)
        let now = clock()
        return try write(touching: [.alerts, .timeline]) { db in
            guard let row = try db.fetchOne("SELECT * FROM alert WHERE id = ?", [id]) else {
                throw WarRoomError.alertNotFound("#\(id)")
            }
            let alert = Alert(row: row)
            try db.execute("UPDATE alert SET silenced_until = ? WHERE id = ?", [until.millis, id])
            try appendEvent(db, incidentID: incidentID ?? alert.incidentID, kind: .alertSilenced,
                            body: "\(alert.name) for \(DurationText.words(until.timeIntervalSince(now))): \(comment)",
                            details: ["fingerprint": alert.fingerprint, "until": TimeText.iso8601(until), "silence": silenceID],
                            at: now)
            return Alert(row: try db.fetchOne("SELECT * FROM alert WHERE id = ?", [id])!)
        }
    }

    /// Pins an alert to an incident's timeline and links it to the incident.
    @discardableResult
    public func pinAlert(id: Int64, incidentID: Int64) throws -> TimelineEvent {
        let now = clock()
        return try write(touching: [.alerts, .timeline, .incidents]) { db in
            _ = try requireIncident(db, incidentID)
            guard let row = try db.fetchOne("SELECT * FROM alert WHERE id = ?", [id]) else {
                throw WarRoomError.alertNotFound("#\(id)")
            }
            let alert = Alert(row: row)
            try db.execute("UPDATE alert SET incident_id = ? WHERE id = ?", [incidentID, id])
            try db.execute("UPDATE incident SET detected_at = \(db.dialect.least("coalesce(detected_at, ?)", "?")) WHERE id = ?",
                           [alert.startsAt.millis, alert.startsAt.millis, incidentID])
            return try appendEvent(db, incidentID: incidentID, kind: .note, body: "pinned alert \(alert.name): \(alert.summary)",
                                   details: ["fingerprint": alert.fingerprint, "alert": String(id), "pinned": "alert"], at: now)
        }
    }
}
