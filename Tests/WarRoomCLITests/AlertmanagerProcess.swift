import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real Alertmanager (Debian's prometheus-alertmanager 0.25) on a free
/// 127.0.0.1 port, with clustering off so it binds nothing else.
final class AlertmanagerProcess {
    static let binary = "/usr/bin/prometheus-alertmanager"
    let port: Int
    let dir: String
    private let process = Process()

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// With `webhook`, every alert is also delivered there (grouped by
    /// name, sent at once, resolutions too).
    init(webhook: URL? = nil) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw HTTPTestError("\(Self.binary) is missing: .ci/test installs prometheus-alertmanager")
        }
        port = try Self.freePort()
        dir = NSTemporaryDirectory() + "warroom-am-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let config = webhook.map { url in
            """
            route:
              receiver: warroom
              group_by: [alertname]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: warroom
                webhook_configs:
                  - url: \(url.absoluteString)
                    send_resolved: true

            """
        } ?? "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n"
        try config.write(toFile: dir + "/am.yml", atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--config.file=\(dir)/am.yml", "--storage.path=\(dir)/data",
                             "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address="]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if (try? HTTP.request("GET", url.appendingPathComponent("-/ready")))?.status == 200 { return }
            usleep(100_000)
        }
        process.terminate()
        throw HTTPTestError("Alertmanager did not become ready on port \(port)")
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: dir)
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw HTTPTestError("no free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

/// Small synchronous HTTP for test set-up and read-back.
enum HTTP {
    struct Response { var status: Int; var body: Data }

    static func request(_ method: String, _ url: URL, json: Any? = nil) throws -> Response {
        var request = URLRequest(url: url, timeoutInterval: 5)
        request.httpMethod = method
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<Response, Error> = .failure(HTTPTestError("no answer"))
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error { result = .failure(error) } else {
                result = .success(Response(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data ?? Data()))
            }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 6)
        return try result.get()
    }

    static func json(_ method: String, _ url: URL, body: Any? = nil) throws -> Any {
        try JSONSerialization.jsonObject(with: request(method, url, json: body).body)
    }
}

struct HTTPTestError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
