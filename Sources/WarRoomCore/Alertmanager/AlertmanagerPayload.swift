import Foundation

/// Reads Alertmanager's JSON (v2 API and webhook version 4) into what the war room stores.
///
/// Only an unusable top level throws; a malformed alert entry is skipped and
/// named in `problems`. A firing alert has no `endsAt` (Alertmanager's is an
/// expiry estimate, not an end); a resolved one keeps its own.
public enum AlertmanagerPayload {
    public struct Decoded: Sendable, Equatable {
        public var alerts: [AlertObservation]
        public var problems: [String]   // one short sentence per alert entry that was skipped (e.g. "alerts[2]: labels is not an object of strings"), never fatal
    }

    public struct WebhookDelivery: Sendable, Equatable {
        public var receiver: String
        public var status: String            // "firing" | "resolved"
        public var groupKey: String
        public var truncatedAlerts: Int
        public var decoded: Decoded
    }

    public struct Silence: Sendable, Equatable {
        public var id: String
        public var state: String             // "active" | "pending" | "expired"
        public var startsAt: Date
        public var endsAt: Date
        public var createdBy: String
        public var comment: String
        public var matchers: [String: String] // name → value, for equality matchers (regex ones as "=~value")
    }

    /// Body of GET /api/v2/alerts. An alert whose endsAt is not after `now` is resolved; otherwise firing
    /// (status.state "active", "suppressed" and "unprocessed" are all firing). silencedBy comes from status.silencedBy.
    /// The body of GET /api/v2/alerts/groups is read too: its alerts, each fingerprint once.
    public static func alerts(fromAPI data: Data, source: String, now: Date) throws -> Decoded {
        let top = try topLevel(data, "alerts")
        guard let entries = top as? [Any] else {
            throw invalid("alerts", "expected a JSON array (the body of GET /api/v2/alerts), got \(kind(of: top))")
        }
        var decoded = Decoded(alerts: [], problems: [])
        var seen = Set<String>()
        for (i, entry) in entries.enumerated() {
            if let group = entry as? [String: Any], group["startsAt"] == nil, let nested = group["alerts"] as? [Any] {
                for (j, alert) in nested.enumerated() {
                    do {
                        let o = try observation(alert, at: "groups[\(i)].alerts[\(j)]", source: source, mode: .api(now: now))
                        if seen.insert(o.fingerprint).inserted { decoded.alerts.append(o) }
                    } catch {
                        decoded.problems.append(error.sentence)
                    }
                }
                continue
            }
            do {
                decoded.alerts.append(try observation(entry, at: "alerts[\(i)]", source: source, mode: .api(now: now)))
            } catch {
                decoded.problems.append(error.sentence)
            }
        }
        return decoded
    }

    /// A webhook delivery (payload version "4"). Each alert's own "status" decides firing/resolved.
    /// endsAt "0001-01-01T00:00:00Z" means none (nil). silencedBy stays nil (the webhook does not tell).
    public static func webhook(_ data: Data, source: String) throws -> WebhookDelivery {
        let top = try topLevel(data, "webhook")
        guard let object = top as? [String: Any] else {
            throw invalid("webhook", "expected a JSON object (a webhook delivery), got \(kind(of: top))")
        }
        let version = object["version"]
        if version as? String != "4" {
            guard let version else { throw invalid("webhook", "the payload has no \"version\"; only version \"4\" is read") }
            throw invalid("webhook", "payload version \(describe(version)) is not supported; only version \"4\" is read")
        }
        guard let rawAlerts = object["alerts"] else { throw invalid("webhook", "the payload has no \"alerts\" array") }
        guard let entries = rawAlerts as? [Any] else {
            throw invalid("webhook", "\"alerts\" is \(kind(of: rawAlerts)), expected an array")
        }
        var decoded = Decoded(alerts: [], problems: [])
        for (i, entry) in entries.enumerated() {
            do {
                decoded.alerts.append(try observation(entry, at: "alerts[\(i)]", source: source, mode: .webhook))
            } catch {
                decoded.problems.append(error.sentence)
            }
        }
        return WebhookDelivery(receiver: object["receiver"] as? String ?? "", status: object["status"] as? String ?? "",
                               groupKey: object["groupKey"] as? String ?? "",
                               truncatedAlerts: object["truncatedAlerts"] as? Int ?? 0, decoded: decoded)
    }

    /// Body of GET /api/v2/silences. An entry without an id, state, valid times
    /// or well-formed matchers is left out (a silence missing a matcher would
    /// look broader than it is). Negative matchers read "!=value" and "!~value".
    public static func silences(_ data: Data) throws -> [Silence] {
        let top = try topLevel(data, "silences")
        guard let entries = top as? [Any] else {
            throw invalid("silences", "expected a JSON array (the body of GET /api/v2/silences), got \(kind(of: top))")
        }
        return entries.compactMap(silence(_:))
    }

    // MARK: - Alerts

    private enum Mode {
        case api(now: Date)
        case webhook
    }

    /// Why one entry was skipped.
    private struct Skipped: Error {
        var sentence: String
        init(_ path: String, _ what: String) { sentence = "\(path): \(what)" }
    }

    private static func observation(_ entry: Any, at path: String, source: String, mode: Mode) throws(Skipped) -> AlertObservation {
        guard let object = entry as? [String: Any] else { throw Skipped(path, "is \(kind(of: entry)), not an object") }
        guard let rawLabels = object["labels"] else { throw Skipped(path, "labels is missing") }
        guard let labels = stringMap(rawLabels) else { throw Skipped(path, "labels is not an object of strings") }
        var annotations: [String: String] = [:]
        if let raw = object["annotations"] as? [String: Any] {
            for (key, value) in raw { if let text = value as? String { annotations[key] = text } }
        }
        let startsAt = try requiredDate(object["startsAt"], "startsAt", at: path)
        var endsAt = try optionalDate(object["endsAt"], "endsAt", at: path)

        let state: AlertState
        var silencedBy: [String]?
        switch mode {
        case .api(let now):
            state = endsAt.map { $0 <= now } == true ? .resolved : .firing
            if let status = object["status"] as? [String: Any], let raw = status["silencedBy"], !(raw is NSNull) {
                guard let ids = raw as? [Any], let strings = ids as? [String] else {
                    throw Skipped(path, "status.silencedBy is not an array of strings")
                }
                silencedBy = strings
            }
        case .webhook:
            guard let raw = object["status"] else { throw Skipped(path, "status is missing") }
            guard let text = raw as? String, let parsed = AlertState(rawValue: text) else {
                throw Skipped(path, "status is \(describe(raw)), not \"firing\" or \"resolved\"")
            }
            state = parsed
        }
        if state == .firing { endsAt = nil }

        let name = labels["alertname"] ?? "unnamed alert"
        let fingerprint = (object["fingerprint"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return AlertObservation(
            fingerprint: fingerprint, source: source, name: name,
            severity: labels["severity"] ?? labels["priority"] ?? "none", state: state,
            summary: annotations["summary"] ?? annotations["description"] ?? annotations["message"] ?? name,
            labels: labels, annotations: annotations, startsAt: startsAt, endsAt: endsAt, silencedBy: silencedBy)
    }

    private static func stringMap(_ value: Any) -> [String: String]? {
        guard let object = value as? [String: Any] else { return nil }
        var out: [String: String] = [:]
        out.reserveCapacity(object.count)
        for (key, value) in object {
            guard let text = value as? String else { return nil }
            out[key] = text
        }
        return out
    }

    private static func requiredDate(_ value: Any?, _ field: String, at path: String) throws(Skipped) -> Date {
        guard let value, !(value is NSNull) else { throw Skipped(path, "\(field) is missing") }
        guard let text = value as? String else { throw Skipped(path, "\(field) is \(kind(of: value)), not a time") }
        guard let date = date(rfc3339: text) else { throw Skipped(path, "\(field) \(describe(text)) is not an RFC 3339 time") }
        return date
    }

    /// nil when absent, null, or Go's zero time.
    private static func optionalDate(_ value: Any?, _ field: String, at path: String) throws(Skipped) -> Date? {
        guard let value, !(value is NSNull) else { return nil }
        let date = try requiredDate(value, field, at: path)
        return date == goZeroTime ? nil : date
    }

    /// 0001-01-01T00:00:00Z: what Go writes for "no time".
    static let goZeroTime = Date(timeIntervalSince1970: -62_135_596_800)

    // MARK: - Silences

    private static func silence(_ entry: Any) -> Silence? {
        guard let object = entry as? [String: Any],
              let id = object["id"] as? String, !id.isEmpty,
              let state = (object["status"] as? [String: Any])?["state"] as? String,
              let startsText = object["startsAt"] as? String, let startsAt = date(rfc3339: startsText),
              let endsText = object["endsAt"] as? String, let endsAt = date(rfc3339: endsText),
              let rawMatchers = object["matchers"] as? [Any] else { return nil }
        var matchers: [String: String] = [:]
        for raw in rawMatchers {
            guard let m = raw as? [String: Any], let name = m["name"] as? String, let value = m["value"] as? String else { return nil }
            let isRegex = m["isRegex"] as? Bool ?? false
            let isEqual = m["isEqual"] as? Bool ?? true
            switch (isEqual, isRegex) {
            case (true, false): matchers[name] = value
            case (true, true): matchers[name] = "=~" + value
            case (false, false): matchers[name] = "!=" + value
            case (false, true): matchers[name] = "!~" + value
            }
        }
        return Silence(id: id, state: state, startsAt: startsAt, endsAt: endsAt,
                       createdBy: object["createdBy"] as? String ?? "", comment: object["comment"] as? String ?? "",
                       matchers: matchers)
    }

    // MARK: - Top level

    private static func invalid(_ what: String, _ sentence: String) -> WarRoomError {
        .invalid("Alertmanager \(what): \(sentence)")
    }

    private static func topLevel(_ data: Data, _ what: String) throws -> Any {
        if data.isEmpty { throw invalid(what, "the body is empty, not JSON") }
        if let offset = invalidUTF8Offset(data) {
            throw invalid(what, "the body is not valid UTF-8 (bad byte at offset \(offset))")
        }
        do {
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let start = TextSanitizer.displayable(String(decoding: data.prefix(80), as: UTF8.self))
            throw invalid(what, "the body is not JSON (it starts \"\(start)\(data.count > 80 ? "…" : "")\")")
        }
    }

    /// The offset of the first byte that is not valid UTF-8, or nil.
    private static func invalidUTF8Offset(_ data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            var bytes = raw.makeIterator()
            var decoder = UTF8()
            var offset = 0
            while true {
                switch decoder.decode(&bytes) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput: return nil
                case .error: return offset
                }
            }
        }
    }

    private static let booleanType = ObjectIdentifier(type(of: NSNumber(value: true)))

    /// "an object", "a string", "null"… for messages.
    private static func kind(of value: Any) -> String {
        switch value {
        case is String: return "a string"
        case is [String: Any]: return "an object"
        case is [Any]: return "an array"
        case is NSNull: return "null"
        case let n as NSNumber: return ObjectIdentifier(type(of: n)) == booleanType ? "a boolean" : "a number"
        default: return "\(type(of: value))"
        }
    }

    /// A value as a message shows it: strings quoted and made displayable, numbers as written.
    private static func describe(_ value: Any) -> String {
        switch value {
        case let text as String:
            let shown = TextSanitizer.displayable(String(text.prefix(60)))
            return "\"\(shown)\(text.count > 60 ? "…" : "")\""
        case let n as NSNumber where ObjectIdentifier(type(of: n)) != booleanType:
            return n.stringValue
        default:
            return kind(of: value)
        }
    }

    // MARK: - Times

    /// RFC 3339 (`2026-11-29T06:11:25Z`, `…25.000Z`, `…25+01:00`), or nil.
    /// Hand-written, with no shared formatter: safe from any thread.
    static func date(rfc3339 text: String) -> Date? {
        var text = text
        return text.withUTF8 { parseRFC3339($0) }
    }

    private static func parseRFC3339(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var value = 0
            for k in i..<(i + width) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                value = value * 10 + Int(b[k] - 0x30)
            }
            i += width
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), skip(0x2D), let month = number(2), skip(0x2D), let day = number(2),
              skip(0x54) || skip(0x74) || skip(0x20),   // T, t, or space
              let hour = number(2), skip(0x3A), let minute = number(2), skip(0x3A), let second = number(2)
        else { return nil }
        var nanos = 0
        if skip(0x2E) {
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int(b[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            while digits < 9 { nanos *= 10; digits += 1 }
        }
        var offset = 0
        if !(skip(0x5A) || skip(0x7A)) {   // Z or z
            guard i < b.count, b[i] == 0x2B || b[i] == 0x2D else { return nil }
            let sign = b[i] == 0x2D ? -1 : 1
            i += 1
            guard let oh = number(2), skip(0x3A), let om = number(2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        }
        guard i == b.count, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        let seconds = daysSince1970(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
