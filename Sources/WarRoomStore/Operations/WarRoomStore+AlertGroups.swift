import Foundation
import WarRoomModel

/// What the alert pane's groups read, and the bulk actions on a group:
/// ack all and the store's half of silence all, each one transaction.
extension WarRoomStore {
    /// What a bulk action did: how many alerts it changed, and how many it
    /// left as they were (already acknowledged, or gone meanwhile).
    public struct BulkOutcome: Sendable, Equatable {
        public var changed: Int
        public var skipped: Int
    }

    /// The feed the groups are made from: every firing alert (groups count
    /// all of them, so no cut here), in feed order, SQL ordering; and the
    /// resolved ones that ended after `resolvedSince`, at most
    /// `resolvedLimit`, which linger dimmed under the groups. The
    /// annotations are left unread (the detail reads its alert again):
    /// they are the largest column and no row of the pane shows them.
    public func groupableFeed(resolvedSince: Date, resolvedLimit: Int) throws -> (firing: [Alert], resolved: [Alert]) {
        try read { db in
            let columns = "id, fingerprint, source, name, severity, state, summary, labels, '{}' AS annotations, "
                + "starts_at, ends_at, last_seen_at, acked_by, acked_at, silenced_until, incident_id"
            let firing = try db.fetchAll("""
                SELECT \(columns) FROM alert WHERE state = 'firing' ORDER BY \(Self.severityRankSQL), starts_at DESC, id
                """).map(Alert.init(row:))
            let resolved = try db.fetchAll("""
                SELECT \(columns) FROM alert WHERE state = 'resolved' AND coalesce(ends_at, last_seen_at) >= ?
                ORDER BY coalesce(ends_at, last_seen_at) DESC, id LIMIT ?
                """, [resolvedSince.millis, resolvedLimit]).map(Alert.init(row:))
            return (firing, resolved)
        }
    }

    /// Acknowledges many alerts in one transaction (a group's "ack all").
    /// Alerts already acknowledged keep who did it; ids that are gone are
    /// skipped. ONE timeline event says how many and which group: 312
    /// identical "acked" lines would bury the conversation the timeline
    /// exists for, and the ids are in its details for whoever audits.
    /// With an incident the alerts not linked elsewhere link to it; each
    /// incident they belong to counts them in its time to acknowledge and
    /// detect, as a single ack does.
    @discardableResult
    public func ackAlerts(ids: [Int64], incidentID: Int64? = nil, group: String) throws -> BulkOutcome {
        let now = clock()
        return try write(touching: [.alerts, .timeline, .incidents]) { db in
            if let incidentID { _ = try requireIncident(db, incidentID) }
            var open: [Alert] = []
            for chunk in Self.chunks(Array(Set(ids)).sorted()) {
                open += try db.fetchAll("SELECT * FROM alert WHERE id IN (\(Self.marks(chunk.count))) AND acked_by IS NULL",
                                        SQLArguments(chunk.map(\.sqlValue))).map(Alert.init(row:))
            }
            let skipped = Set(ids).count - open.count
            guard !open.isEmpty else { return BulkOutcome(changed: 0, skipped: skipped) }
            // An alert already linked stays with its incident; the others
            // link to the one named.
            for chunk in Self.chunks(open.map(\.id)) {
                try db.execute("""
                    UPDATE alert SET acked_by = ?, acked_at = ?, incident_id = coalesce(incident_id, ?)
                    WHERE id IN (\(Self.marks(chunk.count)))
                    """, SQLArguments([author.sqlValue, now.millis.sqlValue, incidentID.sqlValue] + chunk.map(\.sqlValue)))
            }
            // Every incident the alerts now belong to counts them in its
            // time to acknowledge and detect, as a single ack does.
            let byIncident = Dictionary(grouping: open) { $0.incidentID ?? incidentID }
            for case let (id?, alerts) in byIncident {
                let earliest = alerts.map(\.startsAt).min() ?? now
                try db.execute("""
                    UPDATE incident SET acknowledged_at = \(db.dialect.least("coalesce(acknowledged_at, ?)", "?")),
                                        detected_at = \(db.dialect.least("coalesce(detected_at, ?)", "?")) WHERE id = ?
                    """, [now.millis, now.millis, earliest.millis, earliest.millis, id])
            }
            // The incident the event belongs to: the one all of them now
            // belong to, if they agree, else the one named.
            let link = byIncident.count == 1 ? byIncident.keys.first! : incidentID
            let already = skipped > 0 ? " (\(skipped) already were)" : ""
            try appendEvent(db, incidentID: link, kind: .alertAcked,
                            body: "acknowledged \(open.count) alert\(open.count == 1 ? "" : "s") of \(group)\(already)",
                            details: ["alerts": open.map { String($0.id) }.joined(separator: ","),
                                      "count": String(open.count), "group": group], at: now)
            return BulkOutcome(changed: open.count, skipped: skipped)
        }
    }

    /// Records one Alertmanager silence that covers many alerts (a group's
    /// "silence all"): their silenced state in one transaction and one
    /// timeline event naming the silence, its matchers and how many alerts
    /// it covered. Ids that are gone are skipped.
    @discardableResult
    public func markGroupSilenced(ids: [Int64], until: Date, comment: String, silenceID: String, matchers: String,
                             incidentID: Int64? = nil) throws -> BulkOutcome {
        let comment = try TextInput.required(comment, field: "the silence comment", singleLine: true)
        let now = clock()
        return try write(touching: [.alerts, .timeline]) { db in
            var found = 0
            for chunk in Self.chunks(Array(Set(ids)).sorted()) {
                let args = SQLArguments(chunk.map(\.sqlValue))
                found += try db.scalar(Int.self, "SELECT count(*) FROM alert WHERE id IN (\(Self.marks(chunk.count)))", args) ?? 0
                try db.execute("UPDATE alert SET silenced_until = ? WHERE id IN (\(Self.marks(chunk.count)))",
                               SQLArguments([until.millis.sqlValue] + chunk.map(\.sqlValue)))
            }
            try appendEvent(db, incidentID: incidentID, kind: .alertSilenced,
                            body: "\(found) alert\(found == 1 ? "" : "s") (\(matchers)) for \(DurationText.words(until.timeIntervalSince(now))): \(comment)",
                            details: ["matchers": matchers, "count": String(found), "until": TimeText.iso8601(until), "silence": silenceID],
                            at: now)
            return BulkOutcome(changed: found, skipped: Set(ids).count - found)
        }
    }
}
