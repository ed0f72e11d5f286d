import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The parts of Alertmanager's v2 API the war room uses. Calls are
/// synchronous with a timeout: they run on a collector's queue or when a
/// person presses a key, and the answer (or why there is none) goes straight
/// to the collector's health or the status line.
public struct AlertmanagerClient: Sendable {
    public let baseURL: URL
    public let timeout: TimeInterval

    public init(baseURL: URL, timeout: TimeInterval = 5) {
        self.baseURL = baseURL
        self.timeout = timeout
    }

    /// `WARROOM_ALERTMANAGER=http://127.0.0.1:9093` (until collectors bring
    /// their own configuration).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> AlertmanagerClient? {
        guard let text = environment["WARROOM_ALERTMANAGER"], !text.isEmpty, let url = URL(string: text),
              url.scheme == "http" || url.scheme == "https" else { return nil }
        return AlertmanagerClient(baseURL: url)
    }

    /// The first Alertmanager a config polls, for silencing from the war room.
    public static func first(in config: WarRoomConfig) -> AlertmanagerClient? {
        for spec in config.collectors {
            if case .alertmanager(let urls) = spec.settings, let url = urls.first { return AlertmanagerClient(baseURL: url) }
        }
        return nil
    }

    public struct Matcher: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
        public var isRegex = false
        public var isEqual = true
    }

    struct NewSilence: Encodable {
        var matchers: [Matcher]
        var startsAt: String
        var endsAt: String
        var createdBy: String
        var comment: String
    }

    struct SilenceCreated: Decodable { var silenceID: String }

    /// Creates a silence matching every label exactly; returns its id.
    public func createSilence(labels: [String: String], from start: Date, until end: Date,
                              createdBy: String, comment: String) throws -> String {
        let body = NewSilence(
            matchers: labels.keys.sorted().map { Matcher(name: $0, value: labels[$0] ?? "") },
            startsAt: TimeText.iso8601(start), endsAt: TimeText.iso8601(end), createdBy: createdBy, comment: comment)
        let data = try send("POST", path: "api/v2/silences", body: JSONEncoder().encode(body))
        guard let created = try? JSONDecoder().decode(SilenceCreated.self, from: data) else {
            throw WarRoomError.invalid("Alertmanager at \(baseURL.absoluteString) answered without a silence id")
        }
        return created.silenceID
    }

    /// Sends a request to the v2 API; a status other than 2xx is an error.
    func send(_ method: String, path: String, body: Data?) throws -> Data {
        let what = "Alertmanager at \(baseURL.absoluteString)"
        let response = try HTTPFetch.send(method, baseURL.appendingPathComponent(path), body: body, timeout: timeout, what: what)
        guard (200..<300).contains(response.status) else {
            throw WarRoomError.invalid("\(what) refused: HTTP \(response.status) \(HTTPFetch.excerpt(response.body, limit: 200))")
        }
        return response.body
    }

    /// `GET /api/v2/alerts` (every alert, silenced and inhibited ones too).
    public func alerts() throws -> Data { try send("GET", path: "api/v2/alerts", body: nil) }

    /// `GET /api/v2/silences`.
    public func silences() throws -> Data { try send("GET", path: "api/v2/silences", body: nil) }
}
