public enum AlertState: String, Codable, Sendable, CaseIterable {
    case firing, resolved
}
