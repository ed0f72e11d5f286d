import Foundation

/// This machine's host name, as `hostname` prints it: it names the holder of
/// the collector lease and the machine a log file position was read on.
public enum MachineName {
    public static var current: String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count) == 0 else { return "localhost" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
