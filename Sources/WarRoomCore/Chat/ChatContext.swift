/// What is selected on screen when a chat line is sent: the incident the
/// line belongs to, and the alert, alert group or log line `/pin` and
/// `/link` act on.
public struct ChatContext: Sendable, Equatable {
    /// A group row of the alert pane: `/link` without an alert links every
    /// member; `/unlink` without one is refused (a group has no one alert).
    public struct AlertGroupChoice: Sendable, Equatable {
        public var title: String
        public var alertIDs: [Int64]
        public init(title: String, alertIDs: [Int64]) {
            self.title = title
            self.alertIDs = alertIDs
        }
    }

    /// The incident selected on screen; nil for the war room at large.
    public var incidentID: Int64?
    public var selectedAlertID: Int64?
    public var selectedLogLineID: Int64?
    public var selectedGroup: AlertGroupChoice?

    public init(incidentID: Int64? = nil, selectedAlertID: Int64? = nil, selectedLogLineID: Int64? = nil,
                selectedGroup: AlertGroupChoice? = nil) {
        self.incidentID = incidentID
        self.selectedAlertID = selectedAlertID
        self.selectedLogLineID = selectedLogLineID
        self.selectedGroup = selectedGroup
    }
}
