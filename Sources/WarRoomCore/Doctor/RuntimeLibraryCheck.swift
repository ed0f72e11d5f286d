import Foundation

/// The shared libraries the warroom binary needs, as `ldd` finds them on
/// this machine: a bastion without the Swift toolchain lacks the Swift
/// runtime unless the binary was built with `--static-swift-stdlib`.
struct RuntimeLibraryCheck {
    var binary: String = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]

    func findings() -> [DoctorFinding] {
        let outcome: CommandRunner.Outcome
        do {
            // The resolved path: ldd's own /proc/self/exe would be ldd's.
            outcome = try CommandRunner.run(["ldd", binary], timeout: 10, maxOutputBytes: 1 << 20)
        } catch {
            return [.problem("cannot run ldd to check the runtime libraries: \(error)", fix: "apt-get install libc-bin")]
        }
        let text = String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self)
        if text.contains("not a dynamic executable") { return [.ok("runtime libraries: \(binary) is static")] }
        guard outcome.ending == .exited(0) else {
            return [.problem("ldd \(binary) \(outcome.ending): \(text.prefix(200))", fix: "check that \(binary) is a complete warroom binary")]
        }
        let missing = Self.missing(inLddOutput: text)
        guard !missing.isEmpty else {
            let count = text.split(separator: "\n").filter { $0.contains("=>") }.count
            return [.ok("runtime libraries: all \(count) found (ldd \(binary))")]
        }
        return missing.map { .problem("runtime library \($0) is missing (ldd: not found)", fix: Self.fix(for: $0)) }
    }

    /// The libraries ldd could not find ("\tlibswiftCore.so => not found").
    static func missing(inLddOutput text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasSuffix("not found"), let arrow = line.range(of: "=>") else { return nil }
            return line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
        }
    }

    /// The Debian package or step that provides a library.
    static func fix(for library: String) -> String {
        let swift = ["libswift", "libFoundation", "lib_Foundation", "libdispatch", "libBlocksRuntime", "libicu"]
        if swift.contains(where: library.hasPrefix) {
            return "copy the Swift runtime (the toolchain's usr/lib/swift/linux/*.so) to /usr/local/lib/warroom and add that directory to /etc/ld.so.conf.d/warroom.conf, then run ldconfig; or build with --static-swift-stdlib (see docs/deployment.md)"
        }
        let packages = [
            "libcurl.so": "libcurl4", "libxml2.so": "libxml2", "libncursesw.so": "libncursesw6", "libtinfo.so": "libtinfo6",
            "libsqlite3.so": "libsqlite3-0", "libz.so": "zlib1g", "libstdc++.so": "libstdc++6", "libgcc_s.so": "libgcc-s1",
            "libuuid.so": "libuuid1", "libpq.so": "libpq5",
        ]
        if let package = packages.first(where: { library.hasPrefix($0.key) })?.value { return "apt-get install \(package)" }
        return "install the package that provides it: apt-file search \(library)"
    }
}
