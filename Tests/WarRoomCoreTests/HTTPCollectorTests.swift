import Foundation
import Testing
@testable import WarRoomCore

@Suite struct HTTPCollectorTests {
    func check(_ url: String, status: Int = 200, body: String? = nil, timeout: TimeInterval = 3) throws -> CheckResult {
        let o = try HTTPCollector(name: "web", url: URL(string: url)!, expectStatus: status, expectBody: body, timeout: timeout).poll()
        return try #require(o.checks.first)
    }

    @Test func statusBodyLatencyAndDeadServers() throws {
        let server = try LocalHTTPServer()
        let ok = try check(server.base + "/health", body: "status: OK")
        #expect(ok.state == .ok && ok.output.hasPrefix("HTTP OK: status 200, 11 bytes in "))
        #expect(ok.perfdata.hasPrefix("time=") && ok.perfdata.hasSuffix("size=11B;;;0"))
        let lacking = try check(server.base + "/health", body: "healthy")
        #expect(lacking.state == .critical && lacking.output.contains("the body lacks \"healthy\""))
        let missing = try check(server.base + "/nope")
        #expect(missing.state == .critical && missing.output.hasPrefix("HTTP CRITICAL: status 404, expected 200"))
        #expect(try check(server.base + "/nope", status: 404).state == .ok)
        let started = Date()
        let slow = try check(server.base + "/slow", timeout: 0.5)
        #expect(Date().timeIntervalSince(started) < 2.5)
        #expect(slow.state == .critical && slow.output.contains("500ms"), "\(slow.output)")
        let dead = try check("http://127.0.0.1:1/health")
        #expect(dead.state == .critical && dead.output.hasPrefix("HTTP CRITICAL: cannot reach http://127.0.0.1:1/health"))
    }
}
