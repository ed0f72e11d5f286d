import Foundation

/// Silences an alert where it comes from: a real silence in Alertmanager
/// (matching the alert's labels, created by the OS login, with the comment
/// the person typed), then the silenced state and a timeline event in the
/// store. If Alertmanager refuses or is unreachable, nothing is written.
public struct AlertSilencer: Sendable {
    public let store: WarRoomStore
    public let alertmanager: AlertmanagerClient

    public init(store: WarRoomStore, alertmanager: AlertmanagerClient) {
        self.store = store
        self.alertmanager = alertmanager
    }

    @discardableResult
    public func silence(alertID: Int64, duration: String, comment: String, incidentID: Int64?) throws -> Alert {
        let (seconds, comment) = try Self.check(duration: duration, comment: comment)
        let alert = try store.alert(alertID)
        guard !alert.labels.isEmpty else { throw WarRoomError.invalid("alert #\(alertID) has no labels to match a silence on") }
        let now = Date()
        let until = now.addingTimeInterval(seconds)
        let id = try alertmanager.createSilence(labels: alert.labels, from: now, until: until,
                                                createdBy: store.author, comment: comment)
        return try store.markSilenced(id: alertID, until: until, comment: comment, silenceID: id, incidentID: incidentID)
    }

    /// "Silence all" on a group: ONE silence whose matchers are the group's
    /// grouping labels and values (what the prompt showed), so alerts that
    /// join the group later are silenced too, as the person meant; then
    /// every member's silenced state and one timeline event in the store.
    @discardableResult
    public func silence(group: AlertGroup, duration: String, comment: String, incidentID: Int64?) throws -> WarRoomStore.BulkOutcome {
        let (seconds, comment) = try Self.check(duration: duration, comment: comment)
        // Alertmanager refuses a silence whose every matcher matches the
        // empty value (it would silence everything); say so in our words.
        guard group.matchers.contains(where: { !$0.value.isEmpty }) else {
            throw WarRoomError.invalid("this group has no label value to match a silence on (\(group.matcherText)); silence its alerts one by one")
        }
        let now = Date()
        let until = now.addingTimeInterval(seconds)
        let id = try alertmanager.createSilence(labels: group.silenceLabels, from: now, until: until,
                                                createdBy: store.author, comment: comment)
        return try store.markGroupSilenced(ids: group.members.map(\.id), until: until, comment: comment, silenceID: id,
                                      matchers: group.matcherText, incidentID: incidentID)
    }

    /// The duration and the comment, checked before anything is sent.
    static func check(duration: String, comment: String) throws -> (TimeInterval, String) {
        (try NumberInput.duration(duration, for: "a silence", in: 60...30 * 86_400, like: "30m or 2h"),
         try TextInput.required(comment, field: "the silence comment", singleLine: true))
    }
}
