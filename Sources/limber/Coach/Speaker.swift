import ConcurrencyExtras
import Foundation

/// Speaks cues through the system's speech program: `espeak-ng` on Linux, `say` on macOS.
/// A new cue cuts off one still being spoken, so speech never falls behind the session.
final class Speaker: Sendable {
    private let program: URL
    private let arguments: [String]
    private let current = LockIsolated<Process?>(nil)

    /// Finds a speech program on PATH; nil when none is installed.
    init?(environment: [String: String]) {
        let paths = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        let candidates: [(String, [String])] = [("espeak-ng", ["-s", "150"]), ("espeak", ["-s", "150"]), ("say", [])]
        for (name, arguments) in candidates {
            for directory in paths {
                let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) {
                    program = url
                    self.arguments = arguments
                    return
                }
            }
        }
        return nil
    }

    func speak(_ text: String) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments + [text]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        current.withValue { running in
            if let running, running.isRunning { running.terminate() }
            running = process
        }
        try? process.run()
    }

    func stop() {
        current.withValue { running in
            if let running, running.isRunning { running.terminate() }
            running = nil
        }
    }

    static let missingMessage =
        "Spoken cues need espeak-ng (Linux) or say (macOS), and neither is installed; cues will be shown only."
}
