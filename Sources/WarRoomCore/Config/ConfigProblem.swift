/// Something wrong in the config file, said where it is: the file, the
/// line and the collector, so the person fixing it goes straight there.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var collector: String?
    public var message: String

    public init(file: String, line: Int?, collector: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.collector = collector
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        let who = collector.map { "collector \"\(TextSanitizer.displayable($0))\": " } ?? ""
        return "\(place): \(who)\(message)"
    }
}
