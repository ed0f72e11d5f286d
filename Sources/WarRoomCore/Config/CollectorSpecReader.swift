import Foundation
import Yams

/// Reads one `collectors:` item into a `CollectorSpec`, collecting every
/// problem with its line. Returns nil when the collector cannot run.
struct CollectorSpecReader {
    let node: Node
    let file: String

    private static let common = ["name", "type", "interval", "timeout"]
    private static let known: [String: [String]] = [
        "alertmanager": ["url", "urls"],
        "alertmanager-webhook": ["listen", "path"],
        "nagios": ["command", "alert", "labels"],
        "logfile": ["path", "from"],
        "http": ["url", "expect_status", "expect_body"],
        "exec": ["command"],
    ]

    func read(into problems: inout [ConfigProblem]) -> CollectorSpec? {
        let line = node.mark?.line
        var name: String?
        func problem(_ at: Node?, _ message: String) {
            problems.append(ConfigProblem(file: file, line: at?.mark?.line ?? line, collector: name, message: message))
        }
        guard let map = node.mapping else {
            problem(node, "each collector must be a mapping with at least `name:` and `type:`")
            return nil
        }
        func value(_ key: String) -> Node? { map[key] }
        guard let n = value("name")?.string?.trimmingCharacters(in: .whitespaces), !n.isEmpty else {
            problem(node, "missing `name:` (every collector needs a unique name)")
            return nil
        }
        name = n
        guard n.count <= 64, !n.unicodeScalars.contains(where: TextSanitizer.needsEscape) else {
            problem(value("name"), "the name must be 1-64 printable characters")
            return nil
        }
        guard let kind = value("type")?.string else {
            problem(node, "missing `type:` (one of: \(CollectorSpec.kinds.joined(separator: ", ")))")
            return nil
        }
        guard let allowed = Self.known[kind] else {
            problem(value("type"), "unknown type \"\(TextSanitizer.displayable(kind))\" (known: \(CollectorSpec.kinds.joined(separator: ", ")))")
            return nil
        }
        for (key, _) in map {
            let word = key.string ?? ""
            if !Self.common.contains(word), !allowed.contains(word) {
                problem(key, "unknown setting `\(TextSanitizer.displayable(word))` for type \(kind) (known: \((Self.common + allowed).joined(separator: ", "))); ignored")
            }
        }
        var ok = true
        func duration(_ key: String, default d: TimeInterval, min low: TimeInterval) -> TimeInterval {
            guard let v = value(key) else { return d }
            guard let seconds = WarRoomConfig.duration(v), seconds >= low, seconds <= 86_400 else {
                problem(v, "\(key) must be a duration like 30s, 5m or 1h, at least \(DurationText.setting(low)) (not \(WarRoomConfig.show(v)))")
                ok = false
                return d
            }
            return seconds
        }
        func required(_ key: String, _ example: String) -> Node? {
            guard let v = value(key) else {
                problem(node, "missing `\(key):` (for example `\(key): \(example)`)")
                ok = false
                return nil
            }
            return v
        }
        func url(_ v: Node) -> URL? {
            guard let text = v.string, let u = URL(string: text), u.scheme == "http" || u.scheme == "https", u.host != nil else {
                problem(v, "not an http(s) URL: \(WarRoomConfig.show(v))")
                ok = false
                return nil
            }
            return u
        }
        func command(_ v: Node) -> [String]? {
            if let list = v.sequence {
                let argv = list.compactMap(\.string)
                if argv.count == list.count, let first = argv.first, !first.isEmpty { return argv }
            } else if let text = v.string, !text.trimmingCharacters(in: .whitespaces).isEmpty {
                // A string runs through the shell, as Nagios runs its commands.
                return ["/bin/sh", "-c", text]
            }
            problem(v, "command must be a string (run by /bin/sh) or a list of words, the first being the program")
            ok = false
            return nil
        }

        let interval = duration("interval", default: CollectorSpec.defaultInterval(kind: kind), min: 0.1)
        let timeout = duration("timeout", default: min(interval, 10), min: 0.1)
        var settings: CollectorSpec.Settings?
        switch kind {
        case "alertmanager":
            var urls: [URL] = []
            if let list = value("urls")?.sequence { urls = list.compactMap(url) }
            else if let one = value("url") { urls = url(one).map { [$0] } ?? [] }
            else { problem(node, "missing `url:` (for example `url: http://127.0.0.1:9093`) or `urls:`"); ok = false }
            if !urls.isEmpty { settings = .alertmanager(urls: urls) }
        case "alertmanager-webhook":
            if let v = required("listen", "127.0.0.1:9099") {
                let text = v.string ?? ""
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                let host = parts.count == 2 ? String(parts[0]) : "127.0.0.1"
                if let port = Int(parts.last ?? ""), (1...65535).contains(port), !host.isEmpty, parts.count <= 2 {
                    let path = value("path")?.string ?? "/"
                    settings = .alertmanagerWebhook(host: host, port: port, path: path.hasPrefix("/") ? path : "/" + path)
                } else {
                    problem(v, "listen must be HOST:PORT or PORT, like 127.0.0.1:9099 (not \(WarRoomConfig.show(v)))")
                    ok = false
                }
            }
        case "nagios":
            var labels: [String: String] = [:]
            if let l = value("labels") {
                if let m = l.mapping { for (k, v) in m { if let k = k.string, let v = v.string { labels[k] = v } } }
                else { problem(l, "labels must be a mapping of names to values"); ok = false }
            }
            var alert = false
            if let a = value("alert") {
                if let b = a.bool { alert = b } else { problem(a, "alert must be true or false"); ok = false }
            }
            if let v = required("command", "/usr/lib/nagios/plugins/check_load -w 5,4,3 -c 10,8,6"), let argv = command(v) {
                settings = .nagios(command: argv, raisesAlert: alert, labels: labels)
            }
        case "logfile":
            if let v = required("path", "/var/log/syslog") {
                if let path = v.string, path.hasPrefix("/") {
                    var start = LogFileFollower.Start.end
                    if let f = value("from") {
                        if let s = f.string.flatMap(LogFileFollower.Start.init(rawValue:)) { start = s }
                        else { problem(f, "from must be `end` (new lines only) or `beginning`"); ok = false }
                    }
                    settings = .logfile(path: path, start: start)
                } else {
                    problem(v, "path must be an absolute file path (not \(WarRoomConfig.show(v)))")
                    ok = false
                }
            }
        case "http":
            var status = 200
            if let s = value("expect_status") {
                if let code = s.int, (100...599).contains(code) { status = code } else { problem(s, "expect_status must be an HTTP status, like 200"); ok = false }
            }
            if let v = required("url", "http://127.0.0.1:8080/health"), let u = url(v) {
                settings = .http(url: u, expectStatus: status, expectBody: value("expect_body")?.string)
            }
        case "exec":
            if let v = required("command", "[/usr/local/bin/my-collector, --json]"), let argv = command(v) {
                settings = .exec(command: argv)
            }
        default:
            break
        }
        guard ok, let settings else { return nil }
        return CollectorSpec(name: n, interval: interval, timeout: timeout, settings: settings, line: line)
    }
}
