import Foundation
import Hummingbird
import LimberCore

/// The API's OpenAPI 3.1 description. The file in Resources is complete on its own, with the
/// bundled catalog's ids; the served copy takes the region, exercise and routine ids from the
/// catalog this server loaded (`limber serve --catalog FILE` can add some) and the warning signs
/// from its safety content, so a client, or
/// schemathesis, is told exactly which ids this server accepts.
struct OpenAPIController {
    let catalog: Catalog
    let safety: SafetyContent

    func addRoutes(to group: RouterGroup<LimberRequestContext>) throws {
        // Built and compressed once: the document is 100 KB and never changes while the server runs.
        let body = try CachedBody(
            ByteBuffer(bytes: try Self.document(catalog: catalog, safety: safety)), contentType: "application/json")
        group.get("openapi.json") { request, _ in body.response(to: request) }
    }

    /// The component schemas whose `enum` this server decides, with the values each takes: the
    /// catalog's ids, and the time zones this machine knows that a reminder or profile accepts.
    static func servedEnums(catalog: Catalog, safety: SafetyContent) -> [String: [String]] {
        [
            "SafetyQuestionId": safety.redFlags.map(\.id),
            "RegionId": catalog.regions.map(\.id),
            "ExerciseId": catalog.exercises.map(\.id),
            "BuiltInRoutineId": catalog.routines.map(\.id),
            "TimeZoneId": (["UTC", "GMT"] + TimeZone.knownTimeZoneIdentifiers.sorted()).filter {
                (try? ReminderRules.checkTimeZone($0)) != nil
            },
        ]
    }

    /// The bundled document with `servedEnums` filled in.
    static func document(catalog: Catalog, safety: SafetyContent) throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw OpenAPIDocumentError.missingSchemas
        }
        guard var document = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any],
            var components = document["components"] as? [String: Any],
            var schemas = components["schemas"] as? [String: Any]
        else { throw OpenAPIDocumentError.missingSchemas }
        for (name, ids) in servedEnums(catalog: catalog, safety: safety) {
            guard var schema = schemas[name] as? [String: Any] else { throw OpenAPIDocumentError.missingSchema(name) }
            schema["enum"] = ids
            schemas[name] = schema
        }
        components["schemas"] = schemas
        document["components"] = components
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}

/// The bundled OpenAPI file lacks what the server fills in: a build that shipped a broken file.
enum OpenAPIDocumentError: Error, CustomStringConvertible {
    case missingSchemas
    case missingSchema(String)

    var description: String {
        switch self {
        case .missingSchemas: "openapi.json is missing from the build or has no components.schemas"
        case .missingSchema(let name): "openapi.json has no components.schemas.\(name) to fill from the catalog"
        }
    }
}
