import Foundation

/// Where the CLI and the server find the one database file they share.
///
/// The environment is passed in rather than read here, so the caller decides what counts as the
/// environment and tests can state it exactly.
public enum DatabaseLocation {
    /// The file name inside the data folder.
    static let defaultFileName = "limber.sqlite"

    /// Picks the path: `explicit` (from `--database`), else `LIMBER_DATABASE`, else
    /// `$XDG_DATA_HOME/limber/limber.sqlite`, else `$HOME/.local/share/limber/limber.sqlite`.
    ///
    /// Creates the file's folder when it is missing, readable by its owner only, because the diary
    /// holds health records. Throws `StoreError.cannotOpen` when no path can be made out or the
    /// folder cannot be created.
    public static func resolve(explicit: String?, environment: [String: String]) throws -> String {
        let path = try choosePath(explicit: explicit, environment: environment)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw StoreError.isAFolder(path: path)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotOpen(path: path, reason: "cannot create the folder \(folder): \(error)")
            }
        }
        return path
    }

    /// The path `resolve` would pick, but only when a file is already there; nil otherwise. Creates
    /// nothing, so a command that only reads can skip the diary when there is none yet.
    public static func existingFile(explicit: String?, environment: [String: String]) -> String? {
        guard let path = try? choosePath(explicit: explicit, environment: environment),
            FileManager.default.fileExists(atPath: path)
        else { return nil }
        return path
    }

    /// The PostgreSQL address chosen the same way (`explicit`, else `LIMBER_DATABASE`), when the
    /// choice is one (`postgres://` or `postgresql://`); nil when it names a file.
    public static func postgresAddress(explicit: String?, environment: [String: String]) -> String? {
        let chosen = explicit.flatMap { $0.isEmpty ? nil : $0 } ?? environment["LIMBER_DATABASE"]
        guard let chosen, chosen.hasPrefix("postgres://") || chosen.hasPrefix("postgresql://") else { return nil }
        return chosen
    }

    private static func choosePath(explicit: String?, environment: [String: String]) throws -> String {
        // An empty value counts as unset, as the XDG Base Directory specification asks; a
        // relative XDG_DATA_HOME is ignored for the same reason.
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        if let explicit, !explicit.isEmpty { return explicit }
        if let path = value("LIMBER_DATABASE") { return path }
        if let dataHome = value("XDG_DATA_HOME"), dataHome.hasPrefix("/") {
            return inDataFolder(dataHome)
        }
        if let home = value("HOME") {
            return inDataFolder(URL(fileURLWithPath: home).appendingPathComponent(".local/share").path)
        }
        throw StoreError.cannotOpen(
            path: defaultFileName,
            reason: "no place for the database: give --database PATH, or set LIMBER_DATABASE or HOME")
    }

    private static func inDataFolder(_ dataHome: String) -> String {
        URL(fileURLWithPath: dataHome).appendingPathComponent("limber").appendingPathComponent(defaultFileName).path
    }
}
