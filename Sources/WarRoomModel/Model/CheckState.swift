/// A service check's state, from the Nagios plugin exit code.
public enum CheckState: Int, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case ok = 0, warning = 1, critical = 2, unknown = 3

    public var description: String {
        switch self {
        case .ok: return "OK"
        case .warning: return "WARNING"
        case .critical: return "CRITICAL"
        case .unknown: return "UNKNOWN"
        }
    }

    /// Exit 0/1/2/3; anything else is UNKNOWN.
    public init(exitCode: Int32) {
        self = CheckState(rawValue: Int(exitCode)) ?? .unknown
    }

    /// In JSON a state is its word ("CRITICAL"), not its exit code.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let code = try? c.decode(Int32.self) { self.init(exitCode: code); return }
        let word = try c.decode(String.self).uppercased()
        guard let state = CheckState.allCases.first(where: { $0.description == word }) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown check state \(word)")
        }
        self = state
    }

    /// Worst first: CRITICAL, UNKNOWN, WARNING, OK.
    public var urgency: Int {
        switch self {
        case .critical: return 0
        case .unknown: return 1
        case .warning: return 2
        case .ok: return 3
        }
    }
}
