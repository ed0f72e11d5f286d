import Foundation
import Testing

/// Compares output with a reviewed file in Expected/. With
/// WARROOM_UPDATE_SNAPSHOTS=1 it rewrites the file first; build again before
/// the next run (the test bundle holds copies), then review the diff.
func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["WARROOM_UPDATE_SNAPSHOTS"] == "1" {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Expected/\(name)")
        try actual.write(to: source, atomically: true, encoding: .utf8)
    }
    let url = try #require(Bundle.module.resourceURL?.appendingPathComponent("Expected/\(name)"), sourceLocation: sourceLocation)
    #expect(actual == (try String(contentsOf: url, encoding: .utf8)), "\(name) differs:\n\(actual)", sourceLocation: sourceLocation)
}
