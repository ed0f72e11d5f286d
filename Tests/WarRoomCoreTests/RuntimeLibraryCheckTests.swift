import Testing
@testable import WarRoomCore

/// `warroom doctor` reads `ldd`'s output for the libraries a bastion lacks.
@Suite("Runtime libraries")
struct RuntimeLibraryCheckTests {
    @Test("the libraries ldd did not find, each with the package or step that provides it")
    func missingLibraries() {
        let ldd = """
            \tlinux-vdso.so.1 (0x00007ffd1b5f2000)
            \tlibswiftCore.so => not found
            \tlibncursesw.so.6 => /lib/x86_64-linux-gnu/libncursesw.so.6 (0x00007f1c2a1e0000)
            \tlibcurl.so.4 => not found
            \tlibxml2.so.2 => /lib/x86_64-linux-gnu/libxml2.so.2 (0x00007f1c29f00000)
            """
        let missing = RuntimeLibraryCheck.missing(inLddOutput: ldd)
        #expect(missing == ["libswiftCore.so", "libcurl.so.4"])
        #expect(RuntimeLibraryCheck.fix(for: "libcurl.so.4") == "apt-get install libcurl4")
        #expect(RuntimeLibraryCheck.fix(for: "libpq.so.5") == "apt-get install libpq5")
        #expect(RuntimeLibraryCheck.fix(for: "libswiftCore.so").contains("--static-swift-stdlib"))
        #expect(RuntimeLibraryCheck.fix(for: "libwhatever.so.1") == "install the package that provides it: apt-file search libwhatever.so.1")
    }

    @Test("this test binary's libraries are all found")
    func allFound() {
        let found = RuntimeLibraryCheck().findings()
        #expect(found.count == 1)
        #expect(found.first?.status == .ok)
        #expect(found.first?.what.hasPrefix("runtime libraries: all ") == true, "\(found)")
    }
}
