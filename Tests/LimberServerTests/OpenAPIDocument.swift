import Foundation
import HummingbirdTesting
import Testing

/// The served OpenAPI document, read the way a client generator reads it, with a small JSON Schema
/// check so tests can hold every response the server sends to what the document promises.
struct OpenAPIDocument {
    let root: JSONValue

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    /// Every documented operation as `get /api/v1/regions`.
    var operations: Set<String> {
        var result: Set<String> = []
        for (path, item) in root["paths"]?.object ?? [:] {
            for method in Self.methods where item[method] != nil { result.insert("\(method) \(path)") }
        }
        return result
    }

    func operation(_ method: String, _ path: String) -> JSONValue? {
        root["paths"]?[path]?[method.lowercased()]
    }

    /// Follows a `$ref` such as `#/components/schemas/Episode` within the document.
    func resolve(_ value: JSONValue) -> JSONValue {
        guard let reference = value["$ref"]?.string, reference.hasPrefix("#/") else { return value }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let next = node[String(part)] else { return .null }
            node = next
        }
        return resolve(node)
    }

    /// What is wrong with `response` as an answer to the documented operation `method path`:
    /// its status must be documented, and its body must match the schema for its media type.
    func violations(of response: TestResponse, to method: String, _ path: String) -> [String] {
        guard let operation = operation(method, path) else { return ["\(method) \(path) is not documented"] }
        let code = String(response.status.code)
        guard let documented = operation["responses"]?[code].map(resolve) else {
            return ["\(method) \(path) does not document status \(code)"]
        }
        guard let content = documented["content"]?.object else {
            return response.body.readableBytes == 0 ? [] : ["\(code) is documented without a body, but one came"]
        }
        guard let mediaType = content[response.mediaType] else {
            return ["\(code) does not document \(response.mediaType); documented: \(content.keys.sorted())"]
        }
        guard let schema = mediaType["schema"] else { return [] }
        let bodySchema = resolve(schema)
        // Text bodies such as CSV are documented as a plain string; there is no shape to check.
        if bodySchema["type"]?.string == "string" { return [] }
        guard let value = try? response.json() else { return ["\(code) body is not JSON: \(response.text)"] }
        var errors: [String] = []
        check(value, against: bodySchema, at: "body", requireDocumented: true, into: &errors)
        return errors
    }

    /// Checks `value` against `schema`. With `requireDocumented`, a property the schema does not name
    /// is an error too: the document must describe everything the server sends.
    func check(
        _ value: JSONValue, against schema: JSONValue, at location: String, requireDocumented: Bool,
        into errors: inout [String]
    ) {
        let schema = resolve(schema)
        for part in schema["allOf"]?.array ?? [] {
            check(value, against: part, at: location, requireDocumented: false, into: &errors)
        }
        if let branches = schema["oneOf"]?.array {
            let matching = branches.filter { branch in
                var branchErrors: [String] = []
                check(value, against: branch, at: location, requireDocumented: false, into: &branchErrors)
                return branchErrors.isEmpty
            }
            if matching.count != 1 {
                errors.append("\(location): matches \(matching.count) of the oneOf branches, not exactly 1")
            }
        }
        if let constant = schema["const"], value != constant {
            errors.append("\(location): is \(value), not the constant \(constant)")
        }
        if let allowed = schema["enum"]?.array, !allowed.contains(value) {
            errors.append("\(location): \(value) is not one of the documented values")
        }
        if value.object != nil, schema["required"] != nil || schema["properties"] != nil {
            checkObject(value, schema, at: location, requireDocumented: requireDocumented, into: &errors)
        }
        switch schema["type"]?.string {
        case "object":
            if value.object == nil { errors.append("\(location): is not an object") }
        case "array":
            guard case .array(let elements) = value else { return errors.append("\(location): is not an array") }
            if let minimum = schema["minItems"]?.int, elements.count < minimum {
                errors.append("\(location): has fewer than \(minimum) items")
            }
            for (index, element) in elements.enumerated() {
                if let items = schema["items"] {
                    check(
                        element, against: items, at: "\(location)[\(index)]", requireDocumented: requireDocumented,
                        into: &errors)
                }
            }
        case "string": checkString(value, schema, at: location, into: &errors)
        case "integer":
            guard let number = value.int else { return errors.append("\(location): \(value) is not an integer") }
            if let minimum = schema["minimum"]?.int, number < minimum {
                errors.append("\(location): \(number) is below the documented minimum \(minimum)")
            }
            if let maximum = schema["maximum"]?.int, number > maximum {
                errors.append("\(location): \(number) is above the documented maximum \(maximum)")
            }
        case "boolean":
            if value.bool == nil { errors.append("\(location): \(value) is not true or false") }
        default: break
        }
    }

    private func checkObject(
        _ value: JSONValue, _ schema: JSONValue, at location: String, requireDocumented: Bool,
        into errors: inout [String]
    ) {
        guard let members = value.object else { return }
        for case .string(let name) in schema["required"]?.array ?? [] where members[name] == nil {
            errors.append("\(location).\(name): is required but missing")
        }
        let properties = schema["properties"]?.object ?? [:]
        for (name, member) in members {
            if let property = properties[name] {
                check(
                    member, against: property, at: "\(location).\(name)", requireDocumented: requireDocumented,
                    into: &errors)
            }
        }
        let isClosed = schema["additionalProperties"] == .bool(false)
        guard requireDocumented || isClosed else { return }
        let known = knownProperties(schema)
        for name in members.keys.sorted() where !known.contains(name) {
            errors.append("\(location).\(name): is sent but not documented")
        }
    }

    private func checkString(_ value: JSONValue, _ schema: JSONValue, at location: String, into errors: inout [String])
    {
        guard let text = value.string else { return errors.append("\(location): \(value) is not a string") }
        if let maximum = schema["maxLength"]?.int, text.count > maximum {
            errors.append("\(location): is longer than \(maximum) characters")
        }
        switch schema["format"]?.string {
        case "date-time":
            if text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/) == nil {
                errors.append("\(location): \"\(text)\" is not an RFC 3339 date-time")
            }
        case "uuid":
            if UUID(uuidString: text) == nil { errors.append("\(location): \"\(text)\" is not a UUID") }
        default: break
        }
    }

    /// The property names an object schema documents, through `allOf` and references.
    private func knownProperties(_ schema: JSONValue) -> Set<String> {
        let schema = resolve(schema)
        var names = Set((schema["properties"]?.object ?? [:]).keys)
        for part in schema["allOf"]?.array ?? [] { names.formUnion(knownProperties(part)) }
        return names
    }
}

extension APIClient {
    /// Expects `response` to be what the OpenAPI document promises for `method path`.
    func expectDocumented(
        _ response: TestResponse, _ method: String, _ path: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let violations = try await openAPI().violations(of: response, to: method, path)
        #expect(violations == [], "\(method) \(path) → \(response.status.code)", sourceLocation: sourceLocation)
    }
}
