import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The parts of Alertmanager's v2 API the war room writes to. Calls are
/// synchronous with a timeout: they run when a person presses a key, and
/// the answer (or why there is none) goes straight to the status line.
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

    func send(_ method: String, path: String, body: Data?) throws -> Data {
        var request = URLRequest(url: baseURL.appendingPathComponent(path), timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let box = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data, (response as? HTTPURLResponse)?.statusCode, error)
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 1) == .timedOut {
            task.cancel()
            throw WarRoomError.invalid("Alertmanager at \(baseURL.absoluteString) did not answer within \(Int(timeout)) s")
        }
        let (data, status, error) = box.get()
        if let error {
            throw WarRoomError.invalid("cannot reach Alertmanager at \(baseURL.absoluteString): \(error.localizedDescription)")
        }
        guard let status, (200..<300).contains(status) else {
            let text = String(decoding: (data ?? Data()).prefix(200), as: UTF8.self)
            throw WarRoomError.invalid("Alertmanager at \(baseURL.absoluteString) refused: HTTP \(status ?? 0) \(TextSanitizer.displayable(text))")
        }
        return data ?? Data()
    }
}

/// Carries a URLSession answer across its callback queue.
private final class ResponseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, Int?, Error?) = (nil, nil, nil)
    func set(_ d: Data?, _ s: Int?, _ e: Error?) { lock.lock(); value = (d, s, e); lock.unlock() }
    func get() -> (Data?, Int?, Error?) { lock.lock(); defer { lock.unlock() }; return value }
}
