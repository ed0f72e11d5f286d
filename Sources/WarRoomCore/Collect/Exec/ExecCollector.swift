import Foundation

/// Runs a program of your own on each poll and stores what it prints, one
/// JSON object per line (alerts, log lines, events, checks). The way to
/// plug in a collector written in any language. Malformed lines are counted
/// and reported in the collector's health; a program that exits non-zero,
/// dies from a signal or overruns its timeout is a failed poll, but the good
/// lines it printed first are kept.
public final class ExecCollector: Collector, @unchecked Sendable {
    public let name: String
    public let kind = "exec"
    public let interval: TimeInterval
    public let timeout: TimeInterval
    public let command: [String]
    /// Output beyond this is dropped (and reported).
    public let maxOutputBytes: Int

    public init(name: String, command: [String], interval: TimeInterval, timeout: TimeInterval, maxOutputBytes: Int = 64 << 20) {
        self.name = name
        self.command = command
        self.interval = interval
        self.timeout = timeout
        self.maxOutputBytes = maxOutputBytes
    }

    public func poll() throws -> Observations {
        let outcome = try CommandRunner.run(command, timeout: timeout, maxOutputBytes: maxOutputBytes)
        let now = Date()
        var observations = Observations()
        var malformed: [String] = []
        var number = 0
        var malformedCount = 0
        for line in outcome.stdout.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            if let problem = ExecLine.decode(Data(line), number: number, collector: name, now: now, into: &observations) {
                malformedCount += 1
                if malformed.count < 5 { malformed.append(problem) }
            }
        }
        if malformedCount > 0 {
            observations.problems.append("\(malformedCount) malformed line\(malformedCount == 1 ? "" : "s") skipped; \(malformed.joined(separator: "; "))")
        }
        if outcome.truncated {
            observations.problems.append("output over \(maxOutputBytes >> 20) MB was dropped")
        }
        if let refusal = CommandRunner.refusal(of: command, ending: outcome.ending) {
            observations.failure = refusal
        } else if outcome.ending != .exited(0) {
            let err = String(decoding: outcome.stderr.suffix(300), as: UTF8.self)
                .split(separator: "\n").last.map { ": " + TextSanitizer.displayable(String($0)) } ?? ""
            observations.failure = "\(command.first ?? "the program") \(outcome.ending)\(err)"
        }
        return observations
    }
}
