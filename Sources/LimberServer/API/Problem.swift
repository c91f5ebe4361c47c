import Foundation
import HTTPTypes
import Hummingbird
import LimberCore

/// An error as an RFC 9457 problem document: `application/problem+json`, naming the field at fault.
struct Problem: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var title: String
    var detail: String
    /// The request field at fault, such as `severity` or `items[2].dose.holdSeconds`.
    var field: String?
    /// Sent with the answer, whichever form it takes: `Retry-After` with a 429,
    /// `WWW-Authenticate` with a 401.
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ detail: String, field: String? = nil) {
        self.status = status
        self.title = status.reasonPhrase
        self.detail = detail
        self.field = field
    }

    /// 400 for a value the API's document refuses; 422 for one it allows but a rule across
    /// fields, the time now or stored records refuses, so a client can tell its request's
    /// shape is right.
    init(_ error: FieldError) {
        self.init(
            error.rule == .value ? .badRequest : .unprocessableContent, error.description, field: error.field)
    }

    static func notFound(_ what: String) -> Problem {
        Problem(.notFound, "\(what) was not found.")
    }

    private struct Body: Encodable {
        var type = "about:blank"
        var title: String
        var status: Int
        var detail: String
        var field: String?
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(title: title, status: status.code, detail: detail, field: field)
        let data = try APIJSON.encoder.encode(body)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
