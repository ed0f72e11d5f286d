import Foundation

/// One collector as the config file describes it, checked and typed.
public struct CollectorSpec: Sendable, Equatable {
    public var name: String
    public var interval: TimeInterval
    public var timeout: TimeInterval
    public var settings: Settings
    /// Where it starts in the config file.
    public var line: Int?

    public enum Settings: Sendable, Equatable {
        /// Polls `GET /api/v2/alerts` of each Alertmanager (an HA pair
        /// reports the same alerts; they are merged by fingerprint).
        case alertmanager(urls: [URL])
        /// Listens for Alertmanager's webhook on 127.0.0.1 (or `host`).
        case alertmanagerWebhook(host: String, port: Int, path: String)
        /// A monitoring-plugins style command; `raisesAlert` makes a state
        /// other than OK an alert as well as a check.
        case nagios(command: [String], raisesAlert: Bool, labels: [String: String])
        case logfile(path: String, start: LogFileFollower.Start)
        case http(url: URL, expectStatus: Int, expectBody: String?)
        /// A program printing JSON lines (see docs/collectors.md).
        case exec(command: [String])
    }

    /// The config's `type` word.
    public var kind: String { Self.kind(of: settings) }

    public static func kind(of settings: Settings) -> String {
        switch settings {
        case .alertmanager: return "alertmanager"
        case .alertmanagerWebhook: return "alertmanager-webhook"
        case .nagios: return "nagios"
        case .logfile: return "logfile"
        case .http: return "http"
        case .exec: return "exec"
        }
    }

    public static let kinds = ["alertmanager", "alertmanager-webhook", "nagios", "logfile", "http", "exec"]

    /// How often each kind polls when the config does not say.
    public static func defaultInterval(kind: String) -> TimeInterval {
        switch kind {
        case "alertmanager": return 15
        case "logfile": return 1
        case "http": return 30
        default: return 60
        }
    }
}
