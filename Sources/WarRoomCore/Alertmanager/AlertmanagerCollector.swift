import Foundation

/// Polls `GET /api/v2/alerts` of one Alertmanager or of several (an HA
/// pair). Alerts are merged by fingerprint; every answer is the whole truth
/// of what fires, so an alert that disappears is marked resolved, and so is
/// one whose `endsAt` has passed. Silenced alerts carry the end of their
/// silence, read from `GET /api/v2/silences`.
public final class AlertmanagerCollector: Collector, @unchecked Sendable {
    public let name: String
    public let kind = "alertmanager"
    public let interval: TimeInterval
    public let timeout: TimeInterval
    public let clients: [AlertmanagerClient]
    /// The config's webhook collectors: their alerts come from the same
    /// Alertmanagers, and this poll resolves them when they disappear.
    public let webhooks: [String]

    public init(name: String, urls: [URL], interval: TimeInterval, timeout: TimeInterval, webhooks: [String] = []) {
        self.name = name
        self.webhooks = webhooks
        self.interval = interval
        self.timeout = timeout
        // Each Alertmanager gets its share of the timeout, so a dead one in
        // a pair leaves time to ask the other.
        let each = max(timeout / Double(max(urls.count, 1)), 0.5)
        clients = urls.map { AlertmanagerClient(baseURL: $0, timeout: each) }
    }

    public func poll() throws -> Observations {
        var merged: [String: AlertObservation] = [:]
        var order: [String] = []
        var observations = Observations()
        var unreachable: [String] = []
        var answered: AlertmanagerClient?
        for client in clients {
            do {
                let decoded = try AlertmanagerPayload.alerts(fromAPI: try client.alerts(), source: name, now: Date())
                answered = answered ?? client
                observations.problems += decoded.problems
                for alert in decoded.alerts {
                    if let seen = merged[alert.fingerprint] {
                        // One of the pair may not have heard of the
                        // resolution yet: firing wins, silences add up.
                        var m = seen.state == .firing ? seen : alert
                        if let a = seen.silencedBy, let b = alert.silencedBy { m.silencedBy = Array(Set(a + b)).sorted() }
                        merged[alert.fingerprint] = m
                    } else {
                        merged[alert.fingerprint] = alert
                        order.append(alert.fingerprint)
                    }
                }
            } catch {
                unreachable.append(String(describing: error))
            }
        }
        guard let answered else {
            throw WarRoomError.invalid(unreachable.joined(separator: "; "))
        }
        var alerts = order.compactMap { merged[$0] }
        if alerts.contains(where: { !($0.silencedBy ?? []).isEmpty }) {
            alerts = withSilenceEnds(alerts, from: answered, problems: &observations.problems)
        }
        observations.alerts = alerts
        // With one of several Alertmanagers silent, a missing alert may only
        // be missing from the answer: resolve nothing by absence this time.
        observations.alertsAreComplete = unreachable.isEmpty
        observations.alertsAlsoCover = webhooks
        observations.problems += unreachable
        return observations
    }

    /// Adds when each silenced alert's silence ends. If the silences cannot
    /// be read, the alerts' silence state is left as the war room knew it.
    private func withSilenceEnds(_ alerts: [AlertObservation], from client: AlertmanagerClient,
                                 problems: inout [String]) -> [AlertObservation] {
        let silences: [AlertmanagerPayload.Silence]
        do {
            silences = try AlertmanagerPayload.silences(try client.silences())
        } catch {
            problems.append("cannot read silences: \(error)")
            return alerts.map { var a = $0; if !(a.silencedBy ?? []).isEmpty { a.silencedBy = nil }; return a }
        }
        let ends = Dictionary(silences.map { ($0.id, $0.endsAt) }, uniquingKeysWith: max)
        return alerts.map { alert in
            var a = alert
            a.silencedUntil = (a.silencedBy ?? []).compactMap { ends[$0] }.max()
            return a
        }
    }
}
