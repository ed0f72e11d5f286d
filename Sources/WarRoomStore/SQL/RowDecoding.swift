import Foundation
import WarRoomModel

/// Times are stored as integer milliseconds since 1970: compact, sortable,
/// exact to compare, and readable by any SQLite client.
extension Date {
    public var millis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    public init(millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}

extension SQLRow {
    func date(_ column: String) -> Date { Date(millis: self[column]) }
    func optionalDate(_ column: String) -> Date? {
        let v: Int64? = self[column]
        return v.map(Date.init(millis:))
    }
    /// A JSON object of strings (labels, annotations, details). Through
    /// JSONSerialization: a JSONDecoder per row made loading 10,000 alerts
    /// the slowest part of opening the war room.
    func jsonDictionary(_ column: String) -> [String: String] {
        SQLRow.jsonDictionary(self[column])
    }

    static func jsonDictionary(_ text: String?) -> [String: String] {
        guard let text, !text.isEmpty, text != "{}" else { return [:] }
        if let flat = flatJSONObject(text) { return flat }
        guard
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let dict = object as? [String: Any] else { return [:] }
        return dict.compactMapValues { $0 as? String }
    }

    /// `{"k":"v",…}` without a backslash anywhere, read in one pass over
    /// the bytes; nil for anything else (escapes, numbers, nesting), which
    /// JSONSerialization then reads. Labels are almost always this simple,
    /// and the alert pane reads every firing alert's: through
    /// JSONSerialization a storm of 20,000 cost most of a first frame.
    static func flatJSONObject(_ text: String) -> [String: String]? {
        var text = text
        return text.withUTF8 { bytes -> [String: String]? in
            guard !bytes.contains(UInt8(ascii: "\\")) else { return nil }
            var i = 0
            func skipSpace() { while i < bytes.count, [9, 10, 13, 32].contains(bytes[i]) { i += 1 } }
            func expect(_ c: Character) -> Bool {
                skipSpace()
                guard i < bytes.count, bytes[i] == c.asciiValue! else { return false }
                i += 1
                return true
            }
            func string() -> String? {
                guard expect("\"") else { return nil }
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
                guard i < bytes.count else { return nil }
                defer { i += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            guard expect("{") else { return nil }
            var dict: [String: String] = [:]
            if expect("}") { skipSpace(); return i == bytes.count ? dict : nil }
            repeat {
                guard let key = string(), expect(":"), let value = string() else { return nil }
                dict[key] = value
            } while expect(",")
            guard expect("}") else { return nil }
            skipSpace()
            return i == bytes.count ? dict : nil
        }
    }
}

enum JSONText {
    /// Sorted keys, so the same labels are the same text. Through
    /// JSONSerialization: a JSONEncoder per alert or event was the largest
    /// cost of recording a poll.
    static func encode(_ dict: [String: String]) -> String {
        guard !dict.isEmpty else { return "{}" }
        guard let data = try? JSONSerialization.data(withJSONObject: dict, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension Incident {
    init(row: SQLRow) {
        self.init(
            id: row["id"], title: row["title"],
            severity: Severity(rawValue: row["severity"]) ?? .sev4,
            status: IncidentStatus(rawValue: row["status"]) ?? .investigating,
            commander: row["commander"], scribe: row["scribe"], comms: row["comms"],
            impact: row["impact"], summary: row["summary"],
            declaredBy: row["declared_by"], declaredAt: row.date("declared_at"),
            startedAt: row.date("started_at"), detectedAt: row.optionalDate("detected_at"),
            acknowledgedAt: row.optionalDate("acknowledged_at"), mitigatedAt: row.optionalDate("mitigated_at"),
            resolvedAt: row.optionalDate("resolved_at"), lastUpdateAt: row.optionalDate("last_update_at"),
            service: row["service"])
    }
}

extension TimelineEvent {
    init(row: SQLRow) {
        let details: String? = row["details"]
        self.init(
            id: row["id"], incidentID: row["incident_id"], at: row.date("at"), author: row["author"],
            kind: EventKind(rawValue: row["kind"]) ?? .note, body: row["body"],
            details: details == nil ? nil : row.jsonDictionary("details"))
    }
}

extension IncidentTask {
    init(row: SQLRow) {
        self.init(
            id: row["id"], incidentID: row["incident_id"], text: row["text"],
            createdBy: row["created_by"], createdAt: row.date("created_at"),
            doneBy: row["done_by"], doneAt: row.optionalDate("done_at"))
    }
}

extension LogLine {
    init(row: SQLRow) {
        self.init(id: row["id"], source: row["source"], at: row.date("at"),
                  level: LogLevel(rawValue: row["level"]) ?? .unknown, text: row["text"])
    }
}

extension Alert {
    /// Decodes `SELECT * FROM alert` by column position (the order of the
    /// v1 table; later migrations only append columns): one lookup fewer
    /// per field over thousands of alerts.
    init(row: SQLRow) {
        func date(_ i: Int) -> Date { Date(millis: row[i]) }
        func optionalDate(_ i: Int) -> Date? { (row[i] as Int64?).map(Date.init(millis:)) }
        self.init(
            id: row[0], fingerprint: row[1], source: row[2], name: row[3], severity: row[4],
            state: AlertState(rawValue: row[5]) ?? .firing, summary: row[6],
            labels: SQLRow.jsonDictionary(row[7]), annotations: SQLRow.jsonDictionary(row[8]),
            startsAt: date(9), endsAt: optionalDate(10), lastSeenAt: date(11),
            ackedBy: row[12], ackedAt: optionalDate(13), silencedUntil: optionalDate(14), incidentID: row[15])
    }
}

extension ServiceCheck {
    init(row: SQLRow) {
        self.init(
            id: row["id"], name: row["name"], source: row["source"],
            state: CheckState(rawValue: row["state"]) ?? .unknown, output: row["output"],
            perfdata: row["perfdata"], checkedAt: row.date("checked_at"), changedAt: row.date("changed_at"))
    }
}
