import Foundation
import Hummingbird
import LimberCore

/// One JSON dialect for the whole API: ISO 8601 dates with milliseconds, sorted keys.
enum APIJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = ISODate.encodingStrategy
        return encoder
    }()

    static let contentType = "application/json; charset=utf-8"

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = ISODate.decodingStrategy
        return decoder
    }()

    /// A 200 (or other) response carrying a value as JSON.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Reads a JSON body, turning every decoding failure into a problem that names the field.
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, context: LimberRequestContext
    )
        async throws -> T
    {
        let buffer = try await context.collectBody(of: request)
        do {
            return try decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw problem(for: error)
        } catch let error as FieldError {
            throw Problem(error)
        }
    }

    static func problem(for error: DecodingError) -> Problem {
        switch error {
        case .keyNotFound(let key, let context):
            let field = jsonFieldPath(context.codingPath + [key])
            return Problem(.badRequest, "\(field): is required but missing", field: field)
        case .typeMismatch(let type, let context):
            let field = jsonFieldPath(context.codingPath)
            return Problem(.badRequest, "\(field): has the wrong type; expected \(typeName(type))", field: field)
        case .valueNotFound(let type, let context):
            let field = jsonFieldPath(context.codingPath)
            return Problem(.badRequest, "\(field): must be \(typeName(type)), not null", field: field)
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return Problem(.badRequest, "The request body is not valid JSON.") }
            let field = jsonFieldPath(context.codingPath)
            return Problem(.badRequest, "\(field): \(context.debugDescription)", field: field)
        @unknown default:
            return Problem(.badRequest, "The request body could not be read.")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Double.Type: return "a number"
        case let choices as any CatalogEnum.Type: return "one of \(choices.acceptedValues)"
        default: return "\(type)".hasPrefix("Array") ? "a list" : "an object"
        }
    }
}

/// `items[2].dose` from a coding path, or `body` for the body as a whole.
func jsonFieldPath(_ path: [any CodingKey]) -> String {
    let text = jsonPath(path)
    return text.isEmpty ? "body" : text
}
