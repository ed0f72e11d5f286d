import Foundation

/// A deterministic syslog file that looks like a busy bastion's: several
/// hosts and programs, mixed levels, varied lengths.
enum SyslogCorpus {
    static func write(lines: Int, to path: String) throws {
        let hosts = ["api-1", "api-2", "db-1", "lb-1", "worker-3"]
        let programs = ["nginx[812]", "api[2291]", "postgres[311]", "kernel", "sshd[4410]", "cron[77]"]
        let messages = [
            "INFO GET /api/v2/orders 200 12ms",
            "ERROR upstream timed out (110: Connection timed out) while reading response header from upstream",
            "WARN slow query: SELECT * FROM orders WHERE customer_id = $1 took 2310ms",
            "INFO checkpoint complete: wrote 1834 buffers (11.2%); 0 WAL file(s) added",
            "Accepted publickey for deploy from 10.0.3.7 port 52144 ssh2",
            "DEBUG cache miss key=session:7f3a2c",
            "ERROR connection reset by peer",
            "INFO worker 14 finished job 88123 in 431ms",
        ]
        var out = ""
        out.reserveCapacity(8 << 20)
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { throw BenchError("cannot write \(path)") }
        defer { try? handle.close() }
        var seed: UInt64 = 7
        for i in 0..<lines {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let r = Int(truncatingIfNeeded: seed >> 33)
            let second = i / 200
            let h = (second / 3600) % 24, m = (second / 60) % 60, s = second % 60
            out += "Nov 29 \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m):\(s < 10 ? "0" : "")\(s) "
            out += hosts[r % hosts.count] + " " + programs[(r >> 4) % programs.count] + ": "
            out += messages[(r >> 8) % messages.count] + " seq=\(i)\n"
            if out.utf8.count > 4 << 20 {
                handle.write(Data(out.utf8))
                out.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(out.utf8))
    }
}
