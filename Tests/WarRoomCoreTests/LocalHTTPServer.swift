import Foundation
import WarRoomCore

/// A small HTTP server in its own process (Python's http.server, part of
/// every machine of this kind) on a free 127.0.0.1 port, for the http
/// collector and the check_http/check_curl plugins: /health answers 200
/// with "status: OK", /slow answers after 5 s, anything else is a 404. A
/// process of its own, so no test that blocks a thread can stall it.
final class LocalHTTPServer: @unchecked Sendable {
    let port: Int
    private let child: CommandRunner.Launched

    static let script = #"""
        import http.server, sys, time
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/health":
                    body = b"status: OK\n"; code = 200
                elif self.path == "/slow":
                    time.sleep(5); body = b"late"; code = 200
                else:
                    body = b"not here\n"; code = 404
                self.send_response(code)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#

    init() throws {
        child = try CommandRunner.launch(["python3", "-c", Self.script])
        var text = ""
        var byte: UInt8 = 0
        while !text.hasSuffix("\n"), read(child.stdout, &byte, 1) == 1 { text.append(Character(Unicode.Scalar(byte))) }
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            CommandRunner.stop(child, signal: SIGKILL)
            throw LocalHTTPServerError(description: "python3 http.server did not start: \(text)")
        }
        self.port = port
    }

    var base: String { "http://127.0.0.1:\(port)" }

    deinit { CommandRunner.stop(child, signal: SIGKILL) }
}

struct LocalHTTPServerError: Error, CustomStringConvertible { var description: String }
