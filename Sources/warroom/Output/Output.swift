import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard output without buffering surprises: each call goes straight to
/// the file descriptor, so `--follow` through a pipe shows lines as they come.
enum Output {
    static func write(_ text: String) { writeAll(STDOUT_FILENO, text) }

    static func line(_ text: String = "") { write(text + "\n") }

    static func warn(_ text: String) { writeAll(STDERR_FILENO, "warroom: \(text)\n") }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    // The reader is gone (`warroom timeline --follow | head`): stop quietly.
                    if errno == EPIPE { exit(0) }
                    return
                }
                offset += n
            }
        }
    }
}
