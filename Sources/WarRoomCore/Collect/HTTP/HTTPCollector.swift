import Foundation

/// GETs a URL and records a service check: OK when the status is the one
/// expected (and the body holds the expected text, if one is given) within
/// the timeout, CRITICAL otherwise, with the latency as perfdata.
public final class HTTPCollector: Collector, @unchecked Sendable {
    public let name: String
    public let kind = "http"
    public let interval: TimeInterval
    public let timeout: TimeInterval
    public let url: URL
    public let expectStatus: Int
    public let expectBody: String?

    public init(name: String, url: URL, expectStatus: Int = 200, expectBody: String? = nil,
                interval: TimeInterval = 30, timeout: TimeInterval = 10) {
        self.name = name
        self.url = url
        self.expectStatus = expectStatus
        self.expectBody = expectBody
        self.interval = interval
        self.timeout = timeout
    }

    public func poll() throws -> Observations {
        let now = Date()
        let result: CheckResult
        do {
            let r = try HTTPFetch.send("GET", url, timeout: timeout, what: url.absoluteString, maxBytes: 16 << 20)
            let ms = Int((r.latency * 1000).rounded())
            let perfdata = String(format: "time=%.6fs;;;0.000000;%.6f size=%dB;;;0", r.latency, timeout, r.body.count)
            if r.status != expectStatus {
                result = CheckResult(name: name, source: name, state: .critical,
                                     output: "HTTP CRITICAL: status \(r.status), expected \(expectStatus), in \(ms) ms",
                                     perfdata: perfdata, checkedAt: now)
            } else if let expectBody, !String(decoding: r.body, as: UTF8.self).contains(expectBody) {
                result = CheckResult(name: name, source: name, state: .critical,
                                     output: "HTTP CRITICAL: status \(r.status) but the body lacks \"\(TextSanitizer.displayable(expectBody))\", in \(ms) ms",
                                     perfdata: perfdata, checkedAt: now)
            } else {
                result = CheckResult(name: name, source: name, state: .ok,
                                     output: "HTTP OK: status \(r.status), \(r.body.count) bytes in \(ms) ms",
                                     perfdata: perfdata, checkedAt: now)
            }
        } catch {
            // The service is down: that is what the check reports, and the
            // collector itself worked.
            result = CheckResult(name: name, source: name, state: .critical, output: "HTTP CRITICAL: \(error)", checkedAt: now)
        }
        return Observations(checks: [result])
    }
}
