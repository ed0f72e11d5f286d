import Foundation
import WarRoomCore

/// A small HTTP server in its own process (Python's http.server, part of
/// every machine of this kind) on a free 127.0.0.1 port, for the http
/// collector, the check_http/check_curl plugins and a misbehaving
/// Alertmanager: /health answers 200 with "status: OK", /slow answers
/// after 5 s, /am/… see `init`, anything else is a 404. A
/// process of its own, so no test that blocks a thread can stall it.
final class LocalHTTPServer: @unchecked Sendable {
    let port: Int
    private let child: CommandRunner.Launched

    static let script = #"""
        import http.server, sys, time
        alerts = open(sys.argv[1], "rb").read() if len(sys.argv) > 1 else b"[]"
        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_GET(self):
                if self.path.startswith("/am/"):
                    mode = self.path.split("/")[2]
                    if mode == "cut":
                        # Alertmanager dying mid-response: promise 5000 bytes, send 100, hang up.
                        self.send_response(200); self.send_header("Content-Length", "5000"); self.end_headers()
                        self.wfile.write(alerts[:100]); self.wfile.flush(); self.connection.shutdown(2); self.close_connection = True; return
                    if mode == "slow":
                        time.sleep(10)
                    code, body = {"good": (200, alerts), "500": (500, b"internal error\n"),
                                  "garbage": (200, b"<html>\x1b[31m502 Bad Gateway</html>"), "slow": (200, alerts)}.get(mode, (404, b""))
                    if self.path.endswith("/silences"): body = b"[]"
                    self.send_response(code); self.send_header("Content-Length", str(len(body))); self.end_headers()
                    self.wfile.write(body); return
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

    /// `alerts`: a file served as Alertmanager's alerts under /am/good/,
    /// /am/slow/ (after 10 s) and /am/cut/ (cut off after 100 bytes);
    /// /am/500/ answers 500 and /am/garbage/ HTML.
    init(alerts: String? = nil) throws {
        child = try CommandRunner.launch(["python3", "-c", Self.script] + (alerts.map { [$0] } ?? []))
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
