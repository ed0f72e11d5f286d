import FlyingFox
import FlyingSocks
import Foundation

/// A small HTTP server on a free 127.0.0.1 port for the http collector and
/// the check_http/check_curl plugins to talk to: /health answers 200 with
/// "status: OK", /slow answers after 5 s, anything else is a 404.
final class LocalHTTPServer: @unchecked Sendable {
    let port: UInt16
    private let server: HTTPServer
    private let task: Task<Void, Error>

    init() throws {
        var lastError: Error?
        for _ in 0..<20 {
            let port = UInt16.random(in: 20_000...60_000)
            let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), timeout: 10, logger: .disabled)
            let task = Task {
                await server.appendRoute("GET /health") { _ in
                    HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain"], body: Data("status: OK\n".utf8))
                }
                await server.appendRoute("GET /slow") { _ in
                    try await Task.sleep(nanoseconds: 5_000_000_000)
                    return HTTPResponse(statusCode: .ok, body: Data("late".utf8))
                }
                try await server.run()
            }
            let ready = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var listening = false
            Task {
                listening = (try? await server.waitUntilListening(timeout: 3)) != nil
                ready.signal()
            }
            ready.wait()
            if listening {
                self.port = port
                self.server = server
                self.task = task
                return
            }
            task.cancel()
            lastError = HTTPServerStartError(port: port)
        }
        throw lastError ?? HTTPServerStartError(port: 0)
    }

    var base: String { "http://127.0.0.1:\(port)" }

    deinit { task.cancel() }
}

struct HTTPServerStartError: Error { var port: UInt16 }
