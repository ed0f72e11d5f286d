import Foundation

/// The canned material of the demo: one checkout outage's alerts, checks,
/// log lines and conversation. `{me}` in a chat line is the watching user.
enum DemoScript {
    static let title = "Checkout API returning 5xx"
    static let impact = "About 18% of checkout requests in eu-west fail with HTTP 502/503; card payments cannot complete."
    static let firstUpdate = "We are investigating failed card payments at checkout in the EU. Next update in 30 minutes."

    struct AlertSpec {
        var name, severity, job, instance, summary, description: String

        func observation(_ state: AlertState, startsAt: Date, endsAt: Date? = nil) -> AlertObservation {
            AlertObservation(source: "alertmanager", name: name, severity: severity, state: state, summary: summary,
                             labels: ["alertname": name, "job": job, "instance": instance, "severity": severity, "env": "prod"],
                             annotations: ["summary": summary, "description": description,
                                           "runbook_url": "https://runbooks.example.com/\(name)"],
                             startsAt: startsAt, endsAt: endsAt)
        }
    }

    /// Firing when the demo starts, and staying so.
    static let standingAlerts = [
        AlertSpec(name: "CheckoutHighErrorRate", severity: "critical", job: "api", instance: "api-1:8080",
                  summary: "Checkout 5xx rate is 18.4% (threshold 5%)",
                  description: "POST /v1/checkout has returned 5xx for over 10 minutes in eu-west."),
        AlertSpec(name: "PostgresTooManyConnections", severity: "critical", job: "postgres", instance: "db-1:5432",
                  summary: "db-1 has 100 of 100 connections in use",
                  description: "New clients are refused with 'sorry, too many clients already'."),
        AlertSpec(name: "NginxUpstream5xx", severity: "warning", job: "nginx", instance: "lb-1:443",
                  summary: "lb-1 returns 502 for 12% of /v1/checkout",
                  description: "Upstream api-1..3 time out reading the response header."),
        AlertSpec(name: "DiskSpaceLow", severity: "warning", job: "node", instance: "db-1:9100",
                  summary: "/var on db-1 is 88% full",
                  description: "At the current rate /var on db-1 fills in about 9 hours."),
    ]

    /// Fired and resolved before the demo starts.
    static let pastAlerts = [
        AlertSpec(name: "KubePodCrashLooping", severity: "warning", job: "api", instance: "api-3:8080",
                  summary: "api-3 restarted 4 times in 10 minutes",
                  description: "Container api in pod api-3 is in CrashLoopBackOff."),
        AlertSpec(name: "APIReplicasMismatch", severity: "warning", job: "api", instance: "api",
                  summary: "api deployment has 4 of 6 replicas available",
                  description: "The api deployment has not matched its desired replicas for 5 minutes."),
    ]

    /// Fire and resolve now and then while the demo runs.
    static let flickeringAlerts = [
        AlertSpec(name: "NginxUpstreamTimeouts", severity: "warning", job: "nginx", instance: "lb-1:443",
                  summary: "lb-1 upstream timeouts above 2/s",
                  description: "Requests to api time out after 3 s."),
        AlertSpec(name: "PostgresSlowQueries", severity: "warning", job: "postgres", instance: "db-1:5432",
                  summary: "db-1 p99 query time is 2.4 s",
                  description: "UPDATE orders statements wait on locks."),
        AlertSpec(name: "APIHighLatencyP99", severity: "critical", job: "api", instance: "api-2:8080",
                  summary: "api-2 p99 latency is 3.1 s (threshold 1 s)",
                  description: "Checkout requests on api-2 are slow."),
    ]

    static let flappingCheck = "load lb-1"

    static func checks(at: Date) -> [CheckResult] {
        func check(_ name: String, _ state: CheckState, _ output: String, _ perf: String) -> CheckResult {
            CheckResult(name: name, source: "nagios", state: state, output: output, perfdata: perf, checkedAt: at)
        }
        return [
            check("http api-1", .critical, "HTTP CRITICAL: HTTP/1.1 503 Service Unavailable - 512 bytes in 0.412 second response time",
                  "time=0.412s;1.0;2.0;0 size=512B;;;0"),
            check("http api-2", .ok, "HTTP OK: HTTP/1.1 200 OK - 1823 bytes in 0.184 second response time",
                  "time=0.184s;1.0;2.0;0 size=1823B;;;0"),
            check("disk /var db-1", .warning, "DISK WARNING - free space: /var 11 GB (12% inode=91%):", "/var=84GB;80;90;0;95"),
            check("pgsql replication", .ok, "OK - replication lag 0.4 s (db-2 following db-1)", "lag=0.4s;5;30"),
            check("ssl checkout.example.com", .ok, "SSL OK - certificate valid for 61 days", "days=61;14;7"),
            loadCheck(warning: false, at: at),
        ]
    }

    static func loadCheck(warning: Bool, at: Date) -> CheckResult {
        warning
            ? CheckResult(name: flappingCheck, source: "nagios", state: .warning, output: "WARNING - load average: 6.41, 4.12, 2.30",
                          perfdata: "load1=6.41;5;10;0 load5=4.12;4;8;0", checkedAt: at)
            : CheckResult(name: flappingCheck, source: "nagios", state: .ok, output: "OK - load average: 1.92, 1.80, 1.75",
                          perfdata: "load1=1.92;5;10;0 load5=1.80;4;8;0", checkedAt: at)
    }

    /// Said in turn, one line every few seconds, round and round.
    static let conversation: [(user: String, text: String)] = [
        ("kenji", "pgbouncer pool on db-1 is at 100/100, clients queueing"),
        ("maria", "@{me} can you take comms? stakeholders are asking in #status"),
        ("kenji", "orders-reconcile cronjob was deployed 14:02, matches the start of the spike"),
        ("maria", "let's pause orders-reconcile before we roll back api"),
        ("kenji", "paused the cronjob, connections dropping 100 → 71"),
        ("maria", "@{me} error rate is coming down, can you confirm on the nginx side?"),
        ("kenji", "5xx down to 3%, still upstream timeouts on lb-1"),
        ("maria", "keep an eye on replication lag, /var on db-1 is at 88%"),
        ("kenji", "lag is fine, 0.4 s"),
        ("maria", "@{me} please post an update: mitigation in progress, next update in 30 min"),
        ("kenji", "load on lb-1 keeps flapping, looks like the mobile clients' retry storm"),
        ("maria", "once 5xx stays under 1% for 10 minutes we move to monitoring"),
    ]

    /// One realistic log line from api, nginx or postgres.
    static func logRecord(_ rng: inout SeededGenerator, at: Date) -> LogRecord {
        let roll = Int.random(in: 0..<100, using: &rng)
        if roll < 45 { return apiLine(&rng, at: at) }
        if roll < 80 { return nginxLine(&rng, at: at) }
        return postgresLine(&rng, at: at)
    }

    private static func hex(_ rng: inout SeededGenerator) -> String {
        let digits = String(UInt32.random(in: .min ... .max, using: &rng), radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    private static func client(_ rng: inout SeededGenerator) -> String {
        "10.0.\(Int.random(in: 2...9, using: &rng)).\(Int.random(in: 2...250, using: &rng))"
    }

    private static func apiLine(_ rng: inout SeededGenerator, at: Date) -> LogRecord {
        let id = hex(&rng), ms = Int.random(in: 60...3000, using: &rng)
        let (level, text): (LogLevel, String)
        switch Int.random(in: 0..<20, using: &rng) {
        case 0..<6:
            (level, text) = (.error, "level=error msg=\"POST /v1/checkout failed\" status=502 err=\"pq: sorry, too many clients already\" request_id=\(id) duration_ms=\(ms)")
        case 6:
            (level, text) = (.error, "level=error msg=\"payment authorisation timed out\" provider=adyen timeout_ms=3000 order_id=\(Int.random(in: 4_100_000...4_200_000, using: &rng))")
        case 7..<10:
            (level, text) = (.warning, "level=warn msg=\"db pool exhausted, waiting for a connection\" pool=checkout in_use=100 max=100 wait_ms=\(ms)")
        case 10:
            (level, text) = (.debug, "level=debug msg=\"retrying payment capture\" attempt=\(Int.random(in: 1...3, using: &rng)) request_id=\(id)")
        case 11..<14:
            (level, text) = (.info, "level=info msg=\"GET /v1/cart\" status=200 duration_ms=\(ms / 10) request_id=\(id)")
        default:
            (level, text) = (.info, "level=info msg=\"POST /v1/checkout\" status=200 duration_ms=\(ms / 4) request_id=\(id)")
        }
        return LogRecord(source: "api", at: at, level: level, text: text)
    }

    private static func nginxLine(_ rng: inout SeededGenerator, at: Date) -> LogRecord {
        let ip = client(&rng), upstream = "10.0.1.\(Int.random(in: 21...23, using: &rng)):8080"
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<2:
            return LogRecord(source: "nginx", at: at, level: .error, text: "[error] 2817#2817: *\(Int.random(in: 100_000...999_999, using: &rng)) upstream timed out (110: Connection timed out) while reading response header from upstream, client: \(ip), server: checkout.example.com, request: \"POST /v1/checkout HTTP/1.1\", upstream: \"http://\(upstream)/v1/checkout\"")
        case 2..<4:
            return LogRecord(source: "nginx", at: at, level: .warning, text: "\(ip) - - \"POST /v1/checkout HTTP/1.1\" 502 166 \"-\" \"checkout-web/5.2\" rt=3.004 upstream=\(upstream)")
        default:
            let path = ["/v1/checkout", "/v1/cart", "/v1/products/\(Int.random(in: 100...999, using: &rng))"].randomElement(using: &rng)!
            let rt = Double(Int.random(in: 20...600, using: &rng)) / 1000
            return LogRecord(source: "nginx", at: at, level: .info, text: "\(ip) - - \"GET \(path) HTTP/1.1\" 200 \(Int.random(in: 300...9000, using: &rng)) \"-\" \"Mozilla/5.0\" rt=\(rt) upstream=\(upstream)")
        }
    }

    private static func postgresLine(_ rng: inout SeededGenerator, at: Date) -> LogRecord {
        let pid = Int.random(in: 20_000...29_999, using: &rng)
        let (level, text): (LogLevel, String)
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<3:
            (level, text) = (.critical, "[\(pid)] FATAL:  sorry, too many clients already")
        case 3..<5:
            (level, text) = (.error, "[\(pid)] ERROR:  canceling statement due to statement timeout; STATEMENT:  UPDATE orders SET status = 'paid' WHERE id = $1")
        case 5..<7:
            (level, text) = (.warning, "[\(pid)] LOG:  duration: \(Int.random(in: 1000...4000, using: &rng)).\(Int.random(in: 100...999, using: &rng)) ms  statement: SELECT * FROM orders WHERE status = 'pending' FOR UPDATE")
        case 7:
            (level, text) = (.info, "[\(pid)] LOG:  checkpoint complete: wrote \(Int.random(in: 800...3000, using: &rng)) buffers (11.2%); write=26.9 s, sync=0.012 s")
        default:
            (level, text) = (.info, "[\(pid)] LOG:  connection authorized: user=checkout database=orders application_name=orders-reconcile")
        }
        return LogRecord(source: "postgres", at: at, level: level, text: text)
    }
}
