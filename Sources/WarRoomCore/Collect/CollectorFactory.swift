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

    /// A host for this process over the config's collectors. `service` is
    /// true for `warroom collect`, which may run them whatever
    /// `collectors_run_by` says. With a `watcher`, the host follows the
    /// config file: a file that appears or changes is taken up when it has
    /// no problem (otherwise the problem is reported and the collectors keep
    /// running as they were); a file removed stops them.
    public static func host(store: WarRoomStore, config: WarRoomConfig, service: Bool, watcher: ConfigWatcher? = nil,
                            report: @escaping @Sendable (String) -> Void = { _ in }) -> CollectorHost {
        let host = CollectorHost(store: store, role: service ? "collect" : "warroom", heartbeat: config.heartbeat,
                                 specs: config.collectors, allowed: config.collectorsRunBy.allows(service: service),
                                 report: report) { make($0, store: store) }
        guard let watcher else { return host }
        let path = TextSanitizer.displayable(watcher.path)
        host.follow(watcher) { [weak host] change in
            guard let host else { return }
            switch change {
            case .removed:
                host.apply(heartbeat: host.heartbeat, specs: [], allowed: false)
                report("config: \(path) was removed; no collectors run")
            case .unreadable(let reason):
                report("config: \(reason); the collectors run as before")
            case .read(let new) where !new.problems.isEmpty:
                let more = new.problems.count > 1 ? " (+\(new.problems.count - 1) more: warroom collect --check)" : ""
                report("config: \(new.problems[0])\(more); not applied, the collectors run as before")
            case .read(let new):
                let allowed = new.collectorsRunBy.allows(service: service)
                host.apply(heartbeat: new.heartbeat, specs: new.collectors, allowed: allowed)
                let n = new.collectors.count
                report("config: \(path) read again: \(n) collector\(n == 1 ? "" : "s")"
                       + (allowed || n == 0 ? "" : ", left to `warroom collect` (collectors_run_by: service)"))
            }
        }
        return host
    }
}
