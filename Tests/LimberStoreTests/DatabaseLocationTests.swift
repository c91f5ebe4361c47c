import Foundation
import LimberStore
import Testing

@Suite("Where the database file lives")
struct DatabaseLocationTests {
    @Test("--database wins over every environment variable")
    func explicitPathWins() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let explicit = folder.path("chosen/diary.sqlite")

        let path = try DatabaseLocation.resolve(explicit: explicit, environment: fullEnvironment(folder))

        #expect(path == explicit)
    }

    @Test("A folder given as the database is refused, naming it and suggesting a file inside it")
    func folderIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let error = #expect(throws: StoreError.self) {
            try DatabaseLocation.resolve(explicit: folder.path(""), environment: [:])
        }

        #expect(error == .isAFolder(path: folder.path("")))
        #expect(error?.description.contains("it is a folder; give a file path, such as ") == true)
    }

    @Test("LIMBER_DATABASE wins over XDG_DATA_HOME and HOME")
    func environmentVariableWinsOverDataHome() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let path = try DatabaseLocation.resolve(explicit: nil, environment: fullEnvironment(folder))

        #expect(path == folder.path("env/limber.sqlite"))
    }

    @Test("XDG_DATA_HOME wins over HOME")
    func dataHomeWinsOverHome() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var environment = fullEnvironment(folder)
        environment["LIMBER_DATABASE"] = nil

        let path = try DatabaseLocation.resolve(explicit: nil, environment: environment)

        #expect(path == folder.path("xdg/limber/limber.sqlite"))
    }

    @Test(
        "Without XDG_DATA_HOME, or with an empty or relative one, the file goes under HOME",
        arguments: [nil, "", "relative/data"])
    func homeIsTheFallback(dataHome: String?) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var environment = ["HOME": folder.path("home")]
        environment["XDG_DATA_HOME"] = dataHome

        let path = try DatabaseLocation.resolve(explicit: nil, environment: environment)

        #expect(path == folder.path("home/.local/share/limber/limber.sqlite"))
    }

    @Test("A missing data folder is created, readable by its owner only")
    func createsPrivateFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let path = try DatabaseLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": folder.path("xdg")])

        let limberFolder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let attributes = try FileManager.default.attributesOfItem(atPath: limberFolder)
        let permissions = try #require(attributes[.posixPermissions] as? NSNumber)
        #expect(permissions.intValue == 0o700)
        #expect(!FileManager.default.fileExists(atPath: path), "resolving a path must not create the database")
    }

    @Test("With no path, no LIMBER_DATABASE and no HOME, the error says what to set")
    func nothingToGoOn() throws {
        let error = try #require(throws: StoreError.self) {
            try DatabaseLocation.resolve(explicit: nil, environment: [:])
        }

        #expect(error.description.contains("--database"))
    }

    private func fullEnvironment(_ folder: TemporaryFolder) -> [String: String] {
        [
            "LIMBER_DATABASE": folder.path("env/limber.sqlite"),
            "XDG_DATA_HOME": folder.path("xdg"),
            "HOME": folder.path("home"),
        ]
    }
}
