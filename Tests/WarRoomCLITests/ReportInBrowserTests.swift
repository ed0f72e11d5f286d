import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("The HTML report in a real browser")
    struct ReportInBrowserTests {
        static let chromium = "/usr/bin/chromium"

        /// Counts the pixels of a PNG that differ from its top-left pixel
        /// (the page background), decoding it with Python's zlib.
        static let inkScript = #"""
            import sys, zlib, struct
            data = open(sys.argv[1], "rb").read()
            assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
            pos, idat, w = 8, b"", 0
            while pos < len(data):
                n, kind = struct.unpack(">I4s", data[pos:pos+8]); body = data[pos+8:pos+8+n]; pos += 12 + n
                if kind == b"IHDR": w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
                elif kind == b"IDAT": idat += body
            bpp = {2: 3, 6: 4}[ctype]; stride = w * bpp; raw = zlib.decompress(idat)
            prev = bytearray(stride); rows = []
            for y in range(h):
                f = raw[y*(stride+1)]; line = bytearray(raw[y*(stride+1)+1:(y+1)*(stride+1)])
                for i in range(stride):
                    a = line[i-bpp] if i >= bpp else 0; b = prev[i]; c = prev[i-bpp] if i >= bpp else 0
                    if f == 1: line[i] = (line[i] + a) & 255
                    elif f == 2: line[i] = (line[i] + b) & 255
                    elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
                    elif f == 4:
                        p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
                        line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                rows.append(bytes(line)); prev = line
            bg = rows[0][:3]
            ink = sum(1 for r in rows for x in range(w) if r[x*bpp:x*bpp+3] != bg)
            print(ink, w * h)
            """#

        @Test("warroom report --format html: one self-contained page that chromium renders, not blank")
        func htmlInChromium() throws {
            #expect(FileManager.default.isExecutableFile(atPath: Self.chromium), ".ci/test installs chromium")
            let scratch = Scratch()
            let store = try scratch.store()
            for (n, severity) in [Severity.sev1, .sev2, .sev2, .sev3].enumerated() {
                try store.recordAlerts([AlertObservation(source: "am", name: "Alert\(n)", severity: "critical", state: .firing,
                                                         summary: "down", labels: ["alertname": "Alert\(n)", "service": "svc<\(n)>"],
                                                         startsAt: Date().addingTimeInterval(-600))])
                let id = try store.declare(title: "Outage \(n) <script>alert(1)</script>", severity: severity).id
                try store.pinAlert(id: try store.findAlert("Alert\(n)").id, incidentID: id)
                try store.update(incidentID: id, message: "Working on it")
                if n % 2 == 0 { try store.resolve(incidentID: id) }
            }
            let page = scratch.dir + "/trends.html"
            let made = try CLIRunner.run(["report", "--since", "30d", "--format", "html", "--output", page, "--db", scratch.db])
            #expect(made.status == 0, "\(made.stderr)")
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && html.hasSuffix("</html>\n"))
            #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href=") && !html.contains("url("),
                    "self-contained: no script, no external asset")
            #expect(html.contains("svc&lt;0&gt;"), "names from outside are escaped")

            let shot = scratch.dir + "/trends.png"
            let browser = try Spawn.run([Self.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                         "--user-data-dir=\(scratch.dir)/chromium", "--window-size=1100,1400",
                                         "--screenshot=\(shot)", "file://\(page)"])
            #expect(browser.status == 0)
            let ink = try Spawn.run(["/usr/bin/env", "python3", "-c", Self.inkScript, shot])
            let counts = ink.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            try #require(counts.count == 2, "could not read the screenshot: \(ink.stdout)")
            #expect(counts[1] == 1100 * 1400)
            #expect(Double(counts[0]) / Double(counts[1]) > 0.02, "the screenshot is blank: \(counts[0]) of \(counts[1]) pixels drawn")
        }
    }
}
