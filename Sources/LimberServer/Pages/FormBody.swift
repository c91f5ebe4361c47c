import Foundation
import Hummingbird

/// Reads an HTML form post with Hummingbird's URL-encoded form decoder.
enum FormBody {
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, context: LimberRequestContext
    )
        async throws -> T
    {
        let buffer = try await context.collectBody(of: request)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw Problem(.badRequest, "The form could not be read; please reload the page and try again.")
        }
    }
}
