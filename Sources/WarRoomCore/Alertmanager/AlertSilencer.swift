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
        let seconds = try NumberInput.duration(duration, for: "a silence", in: 60...30 * 86_400, like: "30m or 2h")
        let comment = try TextInput.required(comment, field: "the silence comment", singleLine: true)
        let alert = try store.alert(alertID)
        guard !alert.labels.isEmpty else { throw WarRoomError.invalid("alert #\(alertID) has no labels to match a silence on") }
        let now = Date()
        let until = now.addingTimeInterval(seconds)
        let id = try alertmanager.createSilence(labels: alert.labels, from: now, until: until,
                                                createdBy: store.author, comment: comment)
        return try store.markSilenced(id: alertID, until: until, comment: comment, silenceID: id, incidentID: incidentID)
    }
}
