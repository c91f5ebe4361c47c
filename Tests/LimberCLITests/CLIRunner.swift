import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `limber` executable the way a person would, capturing what it prints.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The `limber` binary SwiftPM built next to the test bundle.
    static var executable: URL {
        get throws {
            var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("limber")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory.deleteLastPathComponent()
            }
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "limber executable"])
        }
    }

    /// A copy of `limber` and its resource bundles in a folder every user can read. Another user
    /// (see `launcher`) cannot use the build folder when it sits in a private folder, as a fresh
    /// clone in a `mktemp -d` folder does: Foundation stops when it cannot read its own bundle.
    static func copyForAnyUser() throws -> URL {
        let source = try executable.deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "limber-any-user-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path)
        where name == "limber" || name.hasSuffix(".resources") {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        for path in [folder.path]
            + (FileManager.default.subpaths(atPath: folder.path) ?? []).map({ folder.path + "/" + $0 })
        {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            chmod(path, isFolder.boolValue || path.hasSuffix("/limber") ? 0o755 : 0o644)
        }
        return folder.appendingPathComponent("limber")
    }

    /// `stdin`, when given, is what the program reads on standard input (a pipe, closed after it,
    /// as `echo ... | limber` gives); otherwise it reads nothing, as from `/dev/null`.
    /// `launcher` runs `limber` through another program, such as `setpriv` to run it as another user;
    /// `program` replaces the built executable (such as a copy from `copyForAnyUser()`). With
    /// `killAfter`, a run still going after that many seconds is killed, so a command that should
    /// have stopped (a server that should have refused to start) fails its test instead of hanging.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, launcher: [String] = [],
        program: URL? = nil, killAfter seconds: Double? = nil
    ) throws -> CLIRun {
        let process = Process()
        let limber = try program ?? executable
        if let first = launcher.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = launcher.dropFirst() + [limber.path] + arguments
        } else {
            process.executableURL = limber
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            // Written before the program starts, into the pipe's buffer (the text is small): a
            // program that exits without reading it cannot make the write fail with SIGPIPE.
            let input = Pipe()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
            process.standardInput = input
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        if let seconds {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [process] in
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        // Read before waiting so a large output cannot fill the pipe and stall the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
