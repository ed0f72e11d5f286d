/// The kinds of data a pane may care about. The store bumps a counter per
/// topic in the same transaction as the write, so every process can tell
/// what changed, not only that something did.
public enum ChangeTopic: String, CaseIterable, Sendable, Hashable {
    case incidents, timeline, tasks, alerts, checks, logs, settings, collectors
}
