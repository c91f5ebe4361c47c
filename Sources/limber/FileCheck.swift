import Foundation

/// Why a path given on the command line cannot be read or written, in words that say what to do,
/// asked before anything is read or written so a bad path changes nothing.
enum FileCheck {
    /// Why `path` cannot be read as a file, or nil when it can.
    static func problemReading(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return "there is no such file"
        }
        if isFolder.boolValue { return "it is a folder, not a file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "Limber may not read it; check its permissions" }
        return nil
    }

    /// Why a file cannot be written at `path`, as far as can be told without writing, or nil.
    static func problemWriting(_ path: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return "it is a folder, not a file"
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            return "the folder \(folder) does not exist"
        }
        if !isFolder.boolValue { return "\(folder) is not a folder" }
        if !FileManager.default.isWritableFile(atPath: folder) { return "Limber may not write in \(folder)" }
        return nil
    }

    /// Why a write failed anyway: a folder such as /proc, which takes no new files, passes every
    /// check above. Foundation's own wording ("The file doesn't exist") misleads for a file being made.
    static func reason(writing path: String, error: any Error) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        switch (error as? CocoaError)?.code {
        case .fileWriteNoPermission?: return "Limber may not write in \(folder)"
        case .fileWriteVolumeReadOnly?: return "the disk holding \(folder) is read-only"
        case .fileWriteOutOfSpace?: return "the disk holding \(folder) is full"
        default: return "the system would not create a file in \(folder)"
        }
    }
}
