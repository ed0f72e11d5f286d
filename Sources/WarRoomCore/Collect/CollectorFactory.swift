import Foundation

/// Builds the collectors a config describes. Called each time a process
/// takes the lease, so each holder starts from fresh state (a logfile
/// collector from where the last holder stored it had read to, a webhook
/// binding its port anew).
public enum CollectorFactory {
    /// `store`: where log file collectors find the position the last holder
    /// stored, to resume there.
    public static func make(_ specs: [CollectorSpec], store: WarRoomStore? = nil) -> (pollers: [any Collector], listeners: [any ListeningCollector]) {
        var pollers: [any Collector] = []
        var listeners: [any ListeningCollector] = []
        let webhooks = specs.filter { $0.kind == "alertmanager-webhook" }.map(\.name)
        for spec in specs {
            switch spec.settings {
            case .alertmanager(let urls):
                pollers.append(AlertmanagerCollector(name: spec.name, urls: urls, interval: spec.interval, timeout: spec.timeout,
                                                     webhooks: webhooks))
            case .alertmanagerWebhook(let host, let port, let path):
                listeners.append(AlertmanagerWebhookCollector(name: spec.name, host: host, port: port, path: path))
            case .nagios(let command, let raisesAlert, let labels):
                pollers.append(NagiosCollector(name: spec.name, command: command, interval: spec.interval, timeout: spec.timeout,
                                               raisesAlert: raisesAlert, labels: labels))
            case .logfile(let path, let start):
                var resume: (@Sendable () throws -> LogFilePosition?)?
                if let store {
                    let name = spec.name
                    resume = { try store.logFilePosition(collector: name) }
                }
                pollers.append(LogFileCollector(name: spec.name, path: path, start: start, interval: spec.interval,
                                                timeout: spec.timeout, resumeFrom: resume))
            case .http(let url, let status, let body):
                pollers.append(HTTPCollector(name: spec.name, url: url, expectStatus: status, expectBody: body,
                                             interval: spec.interval, timeout: spec.timeout))
            case .exec(let command):
                pollers.append(ExecCollector(name: spec.name, command: command, interval: spec.interval, timeout: spec.timeout))
            }
        }
        return (pollers, listeners)
    }

    /// A host for this process over the config's collectors.
    public static func host(store: WarRoomStore, config: WarRoomConfig, role: String,
                            report: @escaping @Sendable (String) -> Void = { _ in }) -> CollectorHost {
        let specs = config.collectors
        return CollectorHost(store: store, role: role, heartbeat: config.heartbeat, hasCollectors: !specs.isEmpty,
                             report: report) { make(specs, store: store) }
    }
}
