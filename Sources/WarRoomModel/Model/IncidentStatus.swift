/// The status-page words: investigating → identified → monitoring → resolved.
public enum IncidentStatus: String, CaseIterable, Codable, Sendable {
    case investigating, identified, monitoring, resolved

    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let s = IncidentStatus(rawValue: t) { self = s; return }
        // Accept an unambiguous prefix: "inv", "ident", "mon", "res".
        let matches = IncidentStatus.allCases.filter { t.count >= 3 && $0.rawValue.hasPrefix(t) }
        guard matches.count == 1 else { return nil }
        self = matches[0]
    }

    public var isOpen: Bool { self != .resolved }

    public static let allowedWords = "investigating, identified, monitoring or resolved"
}

import Foundation
