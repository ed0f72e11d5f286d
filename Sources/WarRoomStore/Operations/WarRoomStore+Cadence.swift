import Foundation
import WarRoomModel

extension WarRoomStore {
    /// The stakeholder update cadence of this war room: a setting in the
    /// database, so every screen, `warroom status` and the report agree on
    /// what is overdue. Unset severities keep the standard interval.
    public func updateCadence() throws -> UpdateCadence {
        try read { db in try updateCadence(db) }
    }

    func updateCadence(_ db: SQLConnection) throws -> UpdateCadence {
        var cadence = UpdateCadence.standard
        for row in try db.fetchAll("SELECT key, value FROM setting WHERE key LIKE 'cadence.%'") {
            let key: String = row["key"], value: String = row["value"]
            guard let severity = Severity(parsing: String(key.dropFirst("cadence.".count))) else { continue }
            cadence.intervals[severity] = value == "none" ? nil : Double(value)
        }
        return cadence
    }

    /// Sets the update interval of some severities (nil: no updates expected).
    public func setUpdateCadence(_ changes: [Severity: TimeInterval?]) throws {
        let allowed = UpdateCadence.allowedIntervals
        for case let (severity, seconds?) in changes where !allowed.contains(seconds) {
            throw WarRoomError.invalid("\(severity)'s update interval must be from \(DurationText.exact(allowed.lowerBound)) to "
                                       + "\(DurationText.exact(allowed.upperBound)), not \(DurationText.exact(seconds))")
        }
        try write(touching: [.settings, .incidents]) { db in
            for (severity, seconds) in changes {
                try db.execute("INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               ["cadence.\(severity)", seconds.map { String(Int($0)) } ?? "none"])
            }
        }
    }
}
