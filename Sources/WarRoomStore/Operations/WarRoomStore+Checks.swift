import Foundation
import WarRoomModel

extension WarRoomStore {
    /// Records check results; a change of state leaves a timeline event.
    /// Returns how many checks changed state.
    @discardableResult
    public func recordChecks(_ results: [CheckResult]) throws -> Int {
        try write(touching: [.checks, .timeline]) { db in try recordChecks(db, results) }
    }

    func recordChecks(_ db: SQLConnection, _ results: [CheckResult]) throws -> Int {
        var changed = 0
        for r in results {
            let previous = try db.fetchOne("SELECT * FROM service_check WHERE name = ?", [r.name]).map(ServiceCheck.init(row:))
            if let previous {
                let changes = previous.state != r.state
                try db.execute("""
                    UPDATE service_check SET source = ?, state = ?, output = ?, perfdata = ?, checked_at = ?,
                        changed_at = CASE WHEN ? THEN ? ELSE changed_at END WHERE id = ?
                    """, [r.source, r.state.rawValue, r.output, r.perfdata, r.checkedAt.millis,
                                     changes, r.checkedAt.millis, previous.id])
                if changes {
                    changed += 1
                    try appendEvent(db, incidentID: nil, kind: .checkChanged,
                                    body: "\(r.name) \(previous.state) → \(r.state): \(firstLine(r.output))",
                                    details: ["check": r.name, "from": previous.state.description, "to": r.state.description],
                                    at: r.checkedAt, author: r.source)
                }
            } else {
                try db.execute("""
                    INSERT INTO service_check(name, source, state, output, perfdata, checked_at, changed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, [r.name, r.source, r.state.rawValue, r.output, r.perfdata, r.checkedAt.millis, r.checkedAt.millis])
                if r.state != .ok {
                    changed += 1
                    try appendEvent(db, incidentID: nil, kind: .checkChanged,
                                    body: "\(r.name) \(r.state): \(firstLine(r.output))",
                                    details: ["check": r.name, "to": r.state.description], at: r.checkedAt, author: r.source)
                }
            }
        }
        return changed
    }

    /// Checks worst first (CRITICAL, UNKNOWN, WARNING, OK), then by name.
    public func checks() throws -> [ServiceCheck] {
        try read { db in
            try db.fetchAll("SELECT * FROM service_check ORDER BY name").map(ServiceCheck.init(row:))
                .sorted { ($0.state.urgency, $0.name) < ($1.state.urgency, $1.name) }
        }
    }

    private func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
