/// Incident severity, SEV1 (worst) to SEV4. Ordered so that `.sev1 < .sev2`
/// sorts the worst first.
public enum Severity: Int, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    case sev1 = 1, sev2, sev3, sev4

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

    public var description: String { "SEV\(rawValue)" }

    /// Accepts `SEV2`, `sev2`, `2`, `S2`, `P2`.
    public init?(parsing text: String) {
        var t = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        for prefix in ["SEV", "S", "P"] where t.hasPrefix(prefix) {
            t = t.dropFirst(prefix.count)
            break
        }
        guard let n = Int(t), let s = Severity(rawValue: n) else { return nil }
        self = s
    }

    public static let allowedWords = "SEV1, SEV2, SEV3 or SEV4"

    /// What it means, in words a stakeholder understands.
    public var meaning: String {
        switch self {
        case .sev1: return "critical: customers cannot use the service"
        case .sev2: return "major: a core feature is broken or badly degraded"
        case .sev3: return "minor: a part of the service is degraded"
        case .sev4: return "low: little or no customer impact"
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let s = Severity(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown severity \(text)")
        }
        self = s
    }
}

import Foundation
