import Foundation

/// A fresh database path in its own temporary folder, removed at the end of the test.
final class TestDatabase {
    let folder: URL
    var path: String { folder.appendingPathComponent("limber.sqlite").path }
    var environment: [String: String] { ["LIMBER_DATABASE": path] }

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("limber-test-\(UUID().uuidString)")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The tiny catalog in the test fixtures: one calf stretch with 2 s holds.
    static var tinyCatalog: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LimberCoreTests/Fixtures/tiny-catalog.json").path
    }

    /// The diary as `limber history --json` prints it.
    func history() throws -> (episodes: [[String: Any]], sessions: [[String: Any]]) {
        let run = try CLI.run(["history", "--json"], environment: environment)
        guard run.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return (object["episodes"] as? [[String: Any]] ?? [], object["sessions"] as? [[String: Any]] ?? [])
    }
}
