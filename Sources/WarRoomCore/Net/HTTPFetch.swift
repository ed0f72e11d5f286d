import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One synchronous HTTP exchange with a hard deadline, through Foundation's
/// URLSession. Collectors call it from their own queue; a key press calls
/// it for a silence. Bodies are capped so a misbehaving server cannot fill
/// memory.
public enum HTTPFetch {
    public struct Response: Sendable {
        public var status: Int
        public var body: Data
        public var latency: TimeInterval
    }

    /// A session without caches or cookies, shared by every call.
    private static let session: URLSession = {
        let c = URLSessionConfiguration.ephemeral
        c.requestCachePolicy = .reloadIgnoringLocalCacheData
        c.urlCache = nil
        c.httpCookieStorage = nil
        return URLSession(configuration: c)
    }()

    /// Sends the request; throws a sentence naming `what` (e.g. "Alertmanager
    /// at http://…") when there is no answer in time or no answer at all.
    /// Any HTTP status is an answer; the caller judges it.
    public static func send(_ method: String, _ url: URL, body: Data? = nil, timeout: TimeInterval,
                            what: String, maxBytes: Int = 64 << 20) throws -> Response {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let box = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        let started = Date()
        let task = session.dataTask(with: request) { data, response, error in
            box.set(data, (response as? HTTPURLResponse)?.statusCode, error)
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 0.5) == .timedOut {
            task.cancel()
            throw WarRoomError.invalid("\(what) did not answer within \(DurationText.setting(timeout))")
        }
        let latency = Date().timeIntervalSince(started)
        let (data, status, error) = box.get()
        if let error {
            let reason = (error as? URLError)?.code == .timedOut ? "no answer within \(DurationText.setting(timeout))" : error.localizedDescription
            throw WarRoomError.invalid("cannot reach \(what): \(reason)")
        }
        guard let status else { throw WarRoomError.invalid("\(what) sent no HTTP answer") }
        let bytes = data ?? Data()
        guard bytes.count <= maxBytes else {
            throw WarRoomError.invalid("\(what) sent \(bytes.count) bytes, more than the \(maxBytes >> 20) MB allowed")
        }
        return Response(status: status, body: bytes, latency: latency)
    }

    /// The first bytes of a body, safe to show in a message.
    public static func excerpt(_ body: Data, limit: Int = 120) -> String {
        TextSanitizer.displayable(String(decoding: body.prefix(limit), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Carries a URLSession answer across its callback queue.
private final class ResponseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, Int?, Error?) = (nil, nil, nil)
    func set(_ d: Data?, _ s: Int?, _ e: Error?) { lock.lock(); value = (d, s, e); lock.unlock() }
    func get() -> (Data?, Int?, Error?) { lock.lock(); defer { lock.unlock() }; return value }
}
