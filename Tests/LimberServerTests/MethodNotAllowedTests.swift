import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("A method a path does not have")
struct MethodNotAllowedTests {
    @Test("TRACE, PATCH and DELETE on API lists answer 405 with Allow naming the path's methods")
    func apiPathsAnswer405WithAllow() async throws {
        try await TestApp.run { client, _ in
            let cases: [(HTTPRequest.Method, String, String)] = [
                (.trace, "/api/v1/exercises", "GET"),
                (.patch, "/api/v1/episodes", "GET, POST"),
                (.delete, "/api/v1/episodes", "GET, POST"),
                (.patch, "/api/v1/episodes/0b7e6f8a-2c1d-4e5f-8a9b-1c2d3e4f5a6b", "DELETE, GET, PUT"),
                (.post, "/api/v1/routines/seed-full/timeline", "GET"),
            ]
            for (method, path, allow) in cases {
                let response = try await client.client.execute(uri: path, method: method, headers: [:])
                #expect(response.status == .methodNotAllowed, "\(method) \(path): \(response.text)")
                #expect(response.headers[.allow] == allow, "\(method) \(path)")
                #expect(response.mediaType == "application/problem+json", "\(method) \(path)")
                let detail = try response.json()["detail"]?.string ?? ""
                #expect(detail.contains(method.rawValue) && detail.contains(allow), "\(detail)")
                #expect(!detail.contains("\n"), "one line: \(detail)")
            }
        }
    }

    @Test("A page path answers 405 with Allow too, and nothing is changed by the refused method")
    func pagePathsAnswer405() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.client.execute(uri: "/diary", method: .delete, headers: [:])
            #expect(response.status == .methodNotAllowed, "\(response.text)")
            let allow = try #require(response.headers[.allow])
            #expect(allow.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains("GET"))
            #expect(try await client.episodes().isEmpty)
        }
    }

    @Test("A path nobody routes stays 404, and a handler's own 404 for a missing record stays 404")
    func unroutedPathsStay404() async throws {
        try await TestApp.run { client, _ in
            let unrouted = try await client.client.execute(uri: "/api/v1/nothing-here", method: .trace, headers: [:])
            #expect(unrouted.status == .notFound)
            #expect(unrouted.headers[.allow] == nil)
            let missing = try await client.get("/api/v1/episodes/0b7e6f8a-2c1d-4e5f-8a9b-1c2d3e4f5a6b")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.allow] == nil)
        }
    }
}
