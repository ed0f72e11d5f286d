import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who is writing: the OS login of the effective user. Never a flag, never an
/// environment variable, so nobody writes in someone else's name.
public enum Author {
    public static let current: String = {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            let login = String(cString: name)
            if !login.isEmpty { return login }
        }
        return "uid\(geteuid())"
    }()
}
