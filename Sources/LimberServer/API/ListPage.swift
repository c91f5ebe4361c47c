import Foundation
import HTTPTypes
import Hummingbird
import LimberStore

/// One page of a newest-first list in the API (`GET /api/v1/episodes`, `GET /api/v1/sessions`):
/// `limit` and `cursor` read from the query, and a `Link` header (RFC 8288, `rel="next"`) naming
/// the next page when there is one. The body stays a JSON array, so a client that never follows
/// the link still reads the newest records as before.
///
/// A cursor is where the previous page ended (the last record's time and id, see
/// `RecordPosition`), so records added or deleted meanwhile never make a page repeat or skip one.
/// It is opaque: clients use the link as given.
struct ListPage {
    /// Records per page when the query names no limit, and the most a client may ask for
    /// (project defaults: a year of nightly cramps is a few pages, and a page of 500 stays well
    /// under a megabyte).
    static let defaultLimit = 100
    static let maximumLimit = 500

    let limit: Int
    let after: RecordPosition?

    init(_ query: Parameters) throws {
        if let text = query["limit"] {
            guard let value = Int(text), (1...Self.maximumLimit).contains(value) else {
                throw Problem(
                    .badRequest,
                    "limit: \"\(text)\" is not a page size; use a whole number from 1 to \(Self.maximumLimit)",
                    field: "limit")
            }
            limit = value
        } else {
            limit = Self.defaultLimit
        }
        if let text = query["cursor"] {
            // The document states a cursor's form (base64url), so a cursor not of that form is a 400;
            // whether one of that form was made by this server, no schema can say: a 422.
            let isBase64URL = !text.isEmpty && text.utf8.allSatisfy(Self.isBase64URL)
            guard isBase64URL, let position = Self.position(from: String(text)) else {
                throw Problem(
                    isBase64URL ? .unprocessableContent : .badRequest,
                    "cursor: \"\(text)\" is not a cursor this server gave; follow the Link header of the previous page",
                    field: "cursor")
            }
            after = position
        } else {
            after = nil
        }
    }

    /// The store's window for this page: one record more than the page holds, which says whether
    /// there is a next page without counting the rest.
    func window(since: Date? = nil) -> RecordWindow {
        RecordWindow(since: since, after: after, limit: limit + 1)
    }

    /// The page's records as JSON, with the link to the next page when the store found more.
    func response<Item: Encodable>(
        _ fetched: [Item], position: (Item) -> RecordPosition, request: Request
    ) throws -> Response {
        let page = Array(fetched.prefix(limit))
        var response = try APIJSON.response(page)
        if fetched.count > limit, let last = page.last {
            response.headers[HTTPField.Name("Link")!] = "<\(nextAddress(request, after: position(last)))>; rel=\"next\""
        }
        return response
    }

    /// The request's own path and query with the cursor moved on and the limit stated.
    private func nextAddress(_ request: Request, after position: RecordPosition) -> String {
        var components = URLComponents()
        components.path = request.uri.path
        let kept = request.uri.queryParameters.filter { $0.key != "cursor" && $0.key != "limit" }
            .map { URLQueryItem(name: String($0.key), value: String($0.value)) }
        components.queryItems =
            kept + [
                URLQueryItem(name: "limit", value: String(limit)),
                URLQueryItem(name: "cursor", value: Self.cursor(for: position)),
            ]
        return components.string ?? request.uri.path
    }

    /// The time as the exact Double the stores keep, so a cursor names a record's time to the bit;
    /// base64url so it needs no escaping in a query.
    static func cursor(for position: RecordPosition) -> String {
        let text = "\(position.date.timeIntervalSince1970.bitPattern)/\(position.id.uuidString.lowercased())"
        return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    static func position(from cursor: String) -> RecordPosition? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            return nil
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = UInt64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            return nil
        }
        let seconds = Double(bitPattern: bits)
        guard seconds.isFinite else { return nil }
        return RecordPosition(date: Date(timeIntervalSince1970: seconds), id: id)
    }
}
