/// The roles of an incident response.
public enum IncidentRole: String, CaseIterable, Codable, Sendable {
    /// Runs the response and makes the calls (the incident commander).
    case commander
    /// Keeps the timeline honest.
    case scribe
    /// Talks to stakeholders and writes the status updates.
    case comms

    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "commander", "ic", "incident-commander": self = .commander
        case "scribe": self = .scribe
        case "comms", "communications", "cl": self = .comms
        default: return nil
        }
    }

    public static let allowedWords = "commander, scribe or comms"
}

import Foundation
