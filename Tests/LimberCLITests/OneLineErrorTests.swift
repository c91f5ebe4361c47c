import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Every bad input is one line naming the field, the value and what is accepted")
struct OneLineErrorTests {
    /// Exactly one line on stderr, and exit code 2 unless said otherwise.
    func expectOneLine(
        _ run: CLIRun, _ expected: String, status: Int32 = 2, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(run.status == status, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr == "limber: \(expected)\n", sourceLocation: sourceLocation)
    }

    @Test(
        "A severity or side the parser cannot read gets the diary's own line, and nothing is written",
        arguments: [
            (["--severity", "-1"], #"severity: "-1" is not accepted; use a whole number from 0 to 10"#),
            (["--severity", "5.5"], #"severity: "5.5" is not accepted; use a whole number from 0 to 10"#),
            (["--severity", "3", "--side", "both"], #"side: "both" is not accepted; use left or right"#),
            (["--severity"], "severity: missing; give a value after --severity"),
        ])
    func logValues(arguments: [String], expected: String) throws {
        let database = TestDatabase()
        let run = try CLI.run(
            ["log", "--region", "calf", "--duration", "1m"] + arguments, environment: database.environment)

        expectOneLine(run, expected)
        #expect(!FileManager.default.fileExists(atPath: database.path), "nothing was written")
    }

    @Test(
        "A value outside an option's list names the option and the values it takes",
        arguments: [
            (
                ["start", "--region", "calf", "--goal", "fun"],
                #"goal: "fun" is not accepted; use relief, prevention or bedtime"#
            ),
            (["start", "--region", "calf", "--side", "both"], #"side: "both" is not accepted; use left or right"#),
            (["export", "--format", "xml"], #"format: "xml" is not accepted; use json, csv or ics"#),
            (["delete", "thing", "1"], #"kind: "thing" is not accepted; use episode or session"#),
        ])
    func listedValues(arguments: [String], expected: String) throws {
        let database = TestDatabase()
        expectOneLine(try CLI.run(arguments, environment: database.environment), expected)
    }

    @Test("A folder given as the file to import, or as the database, is named as a folder")
    func folderAsFile() throws {
        let database = TestDatabase()
        let folder = FileManager.default.temporaryDirectory.path

        expectOneLine(
            try CLI.run(["import", folder], environment: database.environment),
            "file: \"\(folder)\" is not accepted; it is a folder, not a file; "
                + "give a file `limber export --format json` wrote")
        let asDatabase = try CLI.run(["history", "--database", folder])
        #expect(asDatabase.status != 0)
        #expect(asDatabase.stderr.hasPrefix("limber: database: \"\(folder)\" is not accepted; it is a folder"))
        #expect(asDatabase.stderr.split(separator: "\n").count == 1)
    }

    @Test("An export to a place no file can be written says so in one line and writes nothing")
    func unwritableExport() throws {
        let database = TestDatabase()
        _ = try CLI.run(
            ["log", "--region", "calf", "--severity", "3", "--duration", "1m"], environment: database.environment)

        let proc = try CLI.run(["export", "--output", "/proc/x.json"], environment: database.environment)
        expectOneLine(
            proc,
            #"output: "/proc/x.json" is not accepted; the system would not create a file in /proc; "#
                + "name a file in a folder of your own, such as ~/limber-diary.json")
        #expect(!FileManager.default.fileExists(atPath: "/proc/x.json"))
        let missingFolder = database.folder.appendingPathComponent("no-such-folder/x.json").path
        let run = try CLI.run(["export", "--output", missingFolder], environment: database.environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("the folder \(database.folder.path)/no-such-folder does not exist"))
    }

    @Test("A read-only database and folder still show the history; a command that writes says it is read-only")
    func readOnlyDatabase() throws {
        let database = TestDatabase()
        let logged = try CLI.run(
            ["log", "--region", "calf", "--severity", "4", "--duration", "1m", "--at", "2026-11-20T10:00"],
            environment: database.environment)
        #expect(logged.status == 0, "\(logged.stderr)")
        // The writer's last reference can outlive the process's exit, leaving the -wal and -shm
        // files behind; a read closes its connection, and the last close folds them back in.
        _ = try CLI.run(["history"], environment: database.environment)
        chmod(database.path, 0o444)
        chmod(database.folder.path, 0o555)
        defer { chmod(database.folder.path, 0o755) }
        // Permissions do not stop root, so as root the commands run as nobody, as a person would meet them.
        let launcher =
            getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let program = getuid() == 0 ? try CLI.copyForAnyUser() : nil
        defer { if let program { try? FileManager.default.removeItem(at: program.deletingLastPathComponent()) } }
        let before = FileManager.default.contents(atPath: database.path)

        let history = try CLI.run(["history"], environment: database.environment, launcher: launcher, program: program)
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("2026-11-20 10:00  calf  severity 4/10"))
        let export = try CLI.run(
            ["export", "--format", "csv"], environment: database.environment, launcher: launcher, program: program)
        #expect(export.status == 0, "\(export.stderr)")
        let log = try CLI.run(
            ["log", "--region", "calf", "--severity", "4", "--duration", "1m"], environment: database.environment,
            launcher: launcher, program: program)
        #expect(log.status == 1)
        #expect(log.stderr.hasPrefix("limber: database: \(database.path) is read-only, so nothing can be saved"))
        #expect(log.stderr.split(separator: "\n").count == 1)
        #expect(FileManager.default.contents(atPath: database.path) == before, "the file was not changed")
        let files = try FileManager.default.contentsOfDirectory(atPath: database.folder.path)
        #expect(files == ["limber.sqlite"], "no companion files were left: \(files)")
    }

    @Test("limber --version prints the version")
    func version() throws {
        let run = try CLI.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.wholeMatch(of: #/limber \d+\.\d+\.\d+\n/#) != nil, "\(run.stdout)")
    }
}
