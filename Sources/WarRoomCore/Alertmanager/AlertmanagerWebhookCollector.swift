import Foundation
import FlyingFox
import FlyingSocks

/// Receives Alertmanager's webhook (payload version 4) on a local port.
/// Repeated deliveries of the same alert change nothing (alerts are kept by
/// fingerprint, and a firing alert that fires again is only refreshed). The
/// answer is 200 only after the alerts are committed: if the database
/// cannot take them, Alertmanager gets a 500 and sends them again; a payload
/// that can never be read, or with an alert that cannot be, gets a 400 with
/// the reason and nothing of it is stored.
public final class AlertmanagerWebhookCollector: ListeningCollector, @unchecked Sendable {
    public let name: String
    public let kind = "alertmanager-webhook"
    public let host: String
    public let port: Int
    public let path: String
    private let lock = NSLock()
    private var server: HTTPServer?
    private var task: Task<Void, Never>?
    /// Writes happen here, off Swift's cooperative threads.
    private let writes: DispatchQueue

    public init(name: String, host: String = "127.0.0.1", port: Int, path: String = "/") {
        self.name = name
        self.host = host
        self.port = port
        self.path = path
        writes = DispatchQueue(label: "warroom.webhook.\(name)")
    }

    public func start(deliver: @escaping @Sendable (Observations) throws -> Void) throws {
        let address: sockaddr_in
        do {
            address = try sockaddr_in.inet(ip4: host, port: UInt16(port))
        } catch {
            throw WarRoomError.invalid("cannot listen on \(host):\(port): not an IPv4 address")
        }
        try Self.probe(host: host, port: port)
        let server = HTTPServer(address: address, timeout: 15, logger: .disabled)
        let name = self.name, writes = self.writes
        let route = HTTPRoute(method: .POST, path: path)
        let started = StartSignal()
        let task = Task {
            await server.appendRoute(route) { request in
                let body = try await request.bodyData
                let delivery: AlertmanagerPayload.WebhookDelivery
                do {
                    delivery = try AlertmanagerPayload.webhook(body, source: name)
                } catch {
                    return HTTPResponse(statusCode: .badRequest, body: Data("\(error)\n".utf8))
                }
                // An alert that cannot be read refuses the whole delivery, the
                // field named and nothing stored: a 200 would tell
                // Alertmanager the alert arrived, and it would not send it
                // again. A 4xx, not a 5xx: the same bytes would be refused
                // again, and Alertmanager retries a 5xx (a database that
                // cannot take a delivery, below, where a retry helps) but
                // not a 4xx; its next notification of the group and the
                // poll collector bring the alerts again.
                let skipped = delivery.decoded.problems
                guard skipped.isEmpty else {
                    return HTTPResponse(statusCode: .badRequest, body: Data("not stored: \(skipped.joined(separator: "; "))\n".utf8))
                }
                let observations = Observations(alerts: delivery.decoded.alerts)
                do {
                    try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, Error>) in
                        writes.async {
                            do { try deliver(observations); done.resume() } catch { done.resume(throwing: error) }
                        }
                    }
                } catch {
                    return HTTPResponse(statusCode: .internalServerError, body: Data("not stored, send again: \(error)\n".utf8))
                }
                return HTTPResponse(statusCode: .ok, body: Data("stored \(observations.alerts.count) alerts\n".utf8))
            }
            let listening = Task {
                try? await server.waitUntilListening(timeout: 5)
                started.finish(nil)
            }
            do {
                try await server.run()
            } catch {
                started.finish("cannot listen on \(self.host):\(self.port): \(error)")
            }
            listening.cancel()
        }
        if let failure = started.wait(timeout: 6) ?? nil {
            task.cancel()
            throw WarRoomError.invalid(failure)
        }
        lock.lock()
        self.server = server
        self.task = task
        lock.unlock()
    }

    /// Binds the address once and lets it go, so a taken port is a clear
    /// error at once rather than a listener that never comes up.
    static func probe(host: String, port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else {
            throw WarRoomError.invalid("cannot listen on \(host):\(port): not an IPv4 address")
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            throw WarRoomError.invalid("cannot listen on \(host):\(port): \(String(cString: strerror(errno)))")
        }
    }

    public func stop() {
        lock.lock()
        let server = self.server, task = self.task
        self.server = nil
        self.task = nil
        lock.unlock()
        guard let server else { return }
        let done = DispatchSemaphore(value: 0)
        Task {
            await server.stop(timeout: 1)
            done.signal()
        }
        _ = done.wait(timeout: .now() + 3)
        task?.cancel()
    }
}

/// The first word on whether the server listens: nil for yes, else why not.
private final class StartSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: String??
    private let semaphore = DispatchSemaphore(value: 0)

    func finish(_ failure: String?) {
        lock.lock()
        let first = outcome == nil
        if first { outcome = .some(failure) }
        lock.unlock()
        if first { semaphore.signal() }
    }

    /// nil when nothing was heard in time.
    func wait(timeout: TimeInterval) -> String?? {
        guard semaphore.wait(timeout: .now() + timeout) == .success else { return .some("the listener did not start in time") }
        lock.lock(); defer { lock.unlock() }
        return outcome
    }
}
