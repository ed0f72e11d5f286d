import Foundation

/// Runs a monitoring-plugins style command and records its result as a
/// service check: exit 0/1/2/3 is OK/WARNING/CRITICAL/UNKNOWN; any other
/// exit, a signal, a timeout or a program that cannot start is UNKNOWN with
/// the reason. With `raisesAlert`, a state other than OK also fires an alert
/// (resolved when the check is OK again).
public final class NagiosCollector: Collector, @unchecked Sendable {
    public let name: String
    public let kind = "nagios"
    public let interval: TimeInterval
    public let timeout: TimeInterval
    public let command: [String]
    public let raisesAlert: Bool
    public let labels: [String: String]
    /// When the check left OK, for the alert's start (this queue only).
    private var failingSince: Date?

    public init(name: String, command: [String], interval: TimeInterval, timeout: TimeInterval,
                raisesAlert: Bool = false, labels: [String: String] = [:]) {
        self.name = name
        self.command = command
        self.interval = interval
        self.timeout = timeout
        self.raisesAlert = raisesAlert
        self.labels = labels
    }

    public func poll() throws -> Observations {
        var observations = Observations()
        let now = Date()
        let state: CheckState
        var output: String
        var perfdata = ""
        do {
            let outcome = try CommandRunner.run(command, timeout: timeout, maxOutputBytes: 1 << 20)
            let parsed = NagiosOutput.parse(String(decoding: outcome.stdout, as: UTF8.self))
            observations.problems += parsed.problems
            perfdata = parsed.perfdataText
            output = [parsed.text, parsed.longText].filter { !$0.isEmpty }.joined(separator: "\n")
            if output.isEmpty {
                let err = String(decoding: outcome.stderr.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                output = err.isEmpty ? "(no output)" : err
            }
            if let refusal = CommandRunner.refusal(of: command, ending: outcome.ending) {
                // Not a plugin result: this user may not run the plugin.
                state = .unknown
                output = "UNKNOWN: " + refusal
                observations.failure = refusal
            } else {
                switch outcome.ending {
                case .exited(let code) where (0...3).contains(code):
                    state = CheckState(exitCode: code)
                case .exited, .signaled:
                    state = .unknown
                    output = "UNKNOWN: the plugin \(outcome.ending) (a plugin exits 0-3)\n" + output
                case .timedOut, .outputHeldOpen:
                    state = .unknown
                    output = "UNKNOWN: the plugin \(outcome.ending)"
                    observations.failure = "\(command.last ?? "the plugin") \(outcome.ending)"
                }
            }
        } catch {
            state = .unknown
            output = "UNKNOWN: \(error)"
            observations.failure = String(describing: error)
        }
        observations.checks = [CheckResult(name: name, source: name, state: state, output: output, perfdata: perfdata, checkedAt: now)]
        if raisesAlert {
            observations.alertsAreComplete = true
            if state == .ok {
                failingSince = nil
            } else {
                let since = failingSince ?? now
                failingSince = since
                var alertLabels = labels
                alertLabels["alertname"] = name
                alertLabels["check"] = name
                let summary = String(output.split(separator: "\n", maxSplits: 1).first ?? "")
                observations.alerts = [AlertObservation(
                    source: name, name: name, severity: state == .critical ? "critical" : "warning", state: .firing,
                    summary: summary, labels: alertLabels, annotations: ["state": state.description], startsAt: since)]
            }
        }
        return observations
    }
}
