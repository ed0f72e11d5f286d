import Foundation
import WarRoomCore
#if canImport(Glibc)
import Glibc
#endif

/// Writes a command's output to the path `--output` names, treating the
/// path as what it is:
/// - `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`: written to that
///   descriptor, keeping the shell's redirection (an append stays one);
/// - a character device, a FIFO or a socket (a terminal, `/dev/null`, a
///   pipe a reader waits on): written through, never replaced;
/// - a symbolic link: followed, the link itself left alone; one that points
///   nowhere is refused;
/// - a regular file: replaced whole through a temporary file and a rename,
///   so a reader never sees half of it, with the old file's mode, owner and
///   group; where those cannot be kept (another user's file) or the file
///   has other hard links, it is rewritten in place instead;
/// - a new path: created the way a shell's `>` would (0666 less the umask).
/// Every write is checked: a full device is an error, not a success.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        if let fd = standardDescriptor(path) { return try writeAll(fd, text, path: path) }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let cause = errno
            var link = stat()
            if cause == ENOENT, lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                throw failure(path, "it is a symbolic link to \(target), which does not exist; name the file itself")
            }
            guard cause == ENOENT else { throw failure(path, String(cString: strerror(cause))) }
            return try replace(path, text: text, keeping: nil)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            // Follow a link to the file it names: the rename happens there.
            let real = path.withCString { p -> String? in
                guard let r = realpath(p, nil) else { return nil }
                defer { free(r) }
                return String(cString: r)
            } ?? path
            guard access(real, W_OK) == 0 else { throw failure(path, String(cString: strerror(errno))) }
            if info.st_nlink > 1 || !canKeepOwner(info) { return try rewriteInPlace(real, text: text, shownAs: path) }
            try replace(real, text: text, keeping: info, shownAs: path)
        case S_IFDIR:
            throw failure(path, "it is a directory")
        default:
            // A device, FIFO or socket: write into it, never over it.
            let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { throw failure(path, String(cString: strerror(errno))) }
            defer { close(fd) }
            try writeAll(fd, text, path: path)
        }
    }

    /// The descriptor a path stands for when it names one of this process's own.
    static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                if let n = Int32(path.dropFirst(prefix.count)), n >= 0, fcntl(n, F_GETFD) != -1 { return n }
            }
            return nil
        }
    }

    /// Whether a replacement file can be given the old one's owner and group.
    private static func canKeepOwner(_ info: stat) -> Bool {
        geteuid() == 0 || (info.st_uid == geteuid() && (info.st_gid == getegid() || groupsInclude(info.st_gid)))
    }

    private static func groupsInclude(_ gid: gid_t) -> Bool {
        let count = getgroups(0, nil)
        guard count > 0 else { return false }
        var groups = [gid_t](repeating: 0, count: Int(count))
        return getgroups(count, &groups) > 0 && groups.contains(gid)
    }

    /// Writes a temporary file beside `path`, gives it the old file's mode
    /// and owner (or a new file's), flushes it and renames it over `path`.
    private static func replace(_ path: String, text: String, keeping old: stat?, shownAs shown: String? = nil) throws {
        let shown = shown ?? path
        let dir = (path as NSString).deletingLastPathComponent
        var template = Array(((dir.isEmpty ? "." : dir) + "/.warroom-output-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw failure(shown, String(cString: strerror(errno))) }
        let temp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var done = false
        defer {
            close(fd)
            if !done { unlink(temp) }
        }
        let mode: mode_t
        if let old {
            mode = old.st_mode & 0o7777
            guard fchown(fd, old.st_uid, old.st_gid) == 0 else { throw failure(shown, String(cString: strerror(errno))) }
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        guard fchmod(fd, mode) == 0 else { throw failure(shown, String(cString: strerror(errno))) }
        try writeAll(fd, text, path: shown)
        guard fsync(fd) == 0 else { throw failure(shown, String(cString: strerror(errno))) }
        guard rename(temp, path) == 0 else { throw failure(shown, String(cString: strerror(errno))) }
        done = true
    }

    /// Truncates and writes the file itself (its inode, links, mode and
    /// owner stay as they are).
    private static func rewriteInPlace(_ path: String, text: String, shownAs shown: String) throws {
        let fd = open(path, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(shown, String(cString: strerror(errno))) }
        defer { close(fd) }
        try writeAll(fd, text, path: shown)
        guard fsync(fd) == 0 else { throw failure(shown, String(cString: strerror(errno))) }
    }

    private static func writeAll(_ fd: Int32, _ text: String, path: String) throws {
        var text = text
        try text.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, String(cString: strerror(errno)))
                }
                offset += n
            }
        }
    }

    private static func failure(_ path: String, _ cause: String) -> WarRoomError {
        WarRoomError.invalid("cannot write \(TextSanitizer.displayable(path)): \(cause)")
    }
}
