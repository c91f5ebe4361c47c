import Foundation

/// A problem in a catalog file, said the way a person can fix it:
/// `catalog.json: exercises[3].dose.hold.seconds: must be 1...600, got 0`.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's name as the user gave it.
    public var file: String
    /// A JSON path such as `exercises[3].dose.hold.seconds`; empty for the whole file.
    public var path: String
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
    }
}

/// Formats a coding path as a JSON path: `exercises[3].dose.hold`.
public func jsonPath(_ codingPath: [any CodingKey]) -> String {
    var path = ""
    for key in codingPath {
        if let index = key.intValue {
            path += "[\(index)]"
        } else {
            path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
    }
    return path
}

extension CatalogError {
    /// Turns a decoder's error into one that names the field and says what is accepted.
    init(file: String, decodingError: DecodingError) {
        switch decodingError {
        case .keyNotFound(let key, let context):
            self.init(file: file, path: jsonPath(context.codingPath + [key]), message: "is required but missing")
        case .typeMismatch(let type, let context):
            self.init(file: file, path: jsonPath(context.codingPath), message: "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            self.init(
                file: file, path: jsonPath(context.codingPath), message: "must be \(describe(type)), got null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                // Foundation's own wording varies by platform; say it plainly, with its detail when it has one.
                let detail = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
                self.init(file: file, path: "", message: "is not valid JSON" + (detail.map { " (\($0))" } ?? ""))
            } else {
                self.init(file: file, path: jsonPath(context.codingPath), message: context.debugDescription)
            }
        @unknown default:
            self.init(file: file, path: "", message: "could not be read")
        }
    }
}

private func describe(_ type: Any.Type) -> String {
    switch type {
    case is Int.Type: return "a whole number"
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    case is [Any].Type: return "a list"
    default:
        let name = "\(type)"
        if name.hasPrefix("Array") { return "a list" }
        if name.hasPrefix("Dictionary") { return "an object" }
        return "an object (\(name))"
    }
}
