/// Who may take the collector lease, the config's `collectors_run_by`.
/// `any`: every open war room and `warroom collect` compete for it, so the
/// first war room opened runs the collectors when no service does. `service`:
/// only `warroom collect` runs them (a systemd service whose user may read
/// the logs and run the plugins); war rooms never take the lease.
public enum CollectorsRunBy: String, Sendable, Equatable, CaseIterable {
    case any
    case service

    /// Whether a process may take the lease; `service` is true for `warroom collect`.
    public func allows(service: Bool) -> Bool { self == .any || service }
}
