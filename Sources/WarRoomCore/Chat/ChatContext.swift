/// What is selected on screen when a chat line is sent: the incident the
/// line belongs to, and the alert or log line `/pin` would pin.
public struct ChatContext: Sendable, Equatable {
    /// The incident selected on screen; nil for the war room at large.
    public var incidentID: Int64?
    public var selectedAlertID: Int64?
    public var selectedLogLineID: Int64?

    public init(incidentID: Int64? = nil, selectedAlertID: Int64? = nil, selectedLogLineID: Int64? = nil) {
        self.incidentID = incidentID
        self.selectedAlertID = selectedAlertID
        self.selectedLogLineID = selectedLogLineID
    }
}
