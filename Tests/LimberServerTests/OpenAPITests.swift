import Foundation
import HummingbirdTesting
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("The served document is OpenAPI 3.1.0 and describes the Limber API")
    func servedDocument() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/api/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(response.mediaType == "application/json")
            let document = try response.json()
            #expect(document["openapi"]?.string == "3.1.0")
            #expect(document["info"]?["title"]?.string == "Limber API")
            #expect(document["servers"]?.array.first?["url"]?.string == "/")
        }
    }

    @Test("Every /api/v1 route the router serves is documented, and every documented operation is served")
    func routesMatchTheDocument() async throws {
        let app = try await TestApp.make()
        let served = Set(
            app.router.routes.map { "\($0.method.rawValue.lowercased()) \($0.path)" }.filter {
                $0.split(separator: " ").last?.hasPrefix("/api/v1/") == true
            })
        try await TestApp.run { client, _ in
            let documented = try await client.openAPI().operations
            #expect(served.count >= 20, "the router lists the API's routes: \(served.sorted())")
            #expect(served.subtracting(documented).sorted() == [], "served but not documented")
            #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        }
    }

    @Test("Every operation has an operationId, a summary and a problem+json schema for its errors")
    func operationsAreComplete() async throws {
        try await TestApp.run { client, _ in
            let document = try await client.openAPI()
            var operationIDs: [String] = []
            for operation in document.operations.sorted() {
                let parts = operation.split(separator: " ").map(String.init)
                let details = try #require(document.operation(parts[0], parts[1]))
                let operationID = try #require(details["operationId"]?.string, "\(operation) has no operationId")
                operationIDs.append(operationID)
                #expect(details["summary"]?.string?.isEmpty == false, "\(operation) has no summary")
                for (code, response) in details["responses"]?.object ?? [:] where code.hasPrefix("4") {
                    let content = document.resolve(response)["content"]?.object ?? [:]
                    #expect(Array(content.keys) == ["application/problem+json"], "\(operation) \(code)")
                }
            }
            #expect(Set(operationIDs).count == operationIDs.count, "operationIds are unique")
        }
    }

    @Test("Requests that change something document 403, and those with a body document 400 and 413")
    func changesDocumentTheirRefusals() async throws {
        try await TestApp.run { client, _ in
            let document = try await client.openAPI()
            for operation in document.operations.sorted() {
                let parts = operation.split(separator: " ").map(String.init)
                let details = try #require(document.operation(parts[0], parts[1]))
                let codes = Set((details["responses"]?.object ?? [:]).keys)
                if ["post", "put", "delete"].contains(parts[0]) {
                    #expect(codes.contains("403"), "\(operation) can be refused as cross-site")
                }
                if details["requestBody"] != nil {
                    #expect(codes.isSuperset(of: ["400", "413"]), "\(operation) documents \(codes.sorted())")
                }
                if parts[1].contains("{id}") {
                    #expect(codes.contains("404"), "\(operation) can name an id that does not exist")
                }
            }
        }
    }

    @Test("The schema checker used by these tests catches a response that breaks the document")
    func schemaCheckerCatchesMismatches() async throws {
        try await TestApp.run { client, _ in
            let document = try await client.openAPI()
            let region = JSONValue.object([
                "id": .string("calf"), "name": .string("Calf"), "about": .string("Back of the lower leg."),
                "view": .string("sideways"), "isSided": .bool(true),
            ])
            var errors: [String] = []
            document.check(
                region, against: .object(["$ref": .string("#/components/schemas/Region")]), at: "region",
                requireDocumented: true, into: &errors)
            #expect(errors.contains { $0.contains("region.view") })
            #expect(errors.contains { $0.contains("region.sided: is required") })
            #expect(errors.contains { $0.contains("region.isSided: is sent but not documented") })
        }
    }

    @Test("Each create links to every operation that uses its id, and every link names an operation that exists")
    func createsLinkToTheirReadsAndWrites() async throws {
        try await TestApp.run { client, _ in
            let document = try await client.openAPI()
            var operationIDs: Set<String> = []
            for operation in document.operations {
                let parts = operation.split(separator: " ").map(String.init)
                if let id = document.operation(parts[0], parts[1])?["operationId"]?.string { operationIDs.insert(id) }
            }
            let expected: [(String, String, String, Set<String>)] = [
                ("post", "/api/v1/episodes", "201", ["getEpisode", "updateEpisode", "deleteEpisode"]),
                (
                    "post", "/api/v1/routines", "201",
                    ["getRoutine", "getRoutineTimeline", "updateRoutine", "deleteRoutine"]
                ),
                ("post", "/api/v1/reminders", "201", ["deleteReminder"]),
                ("get", "/api/v1/progress", "200", ["acceptProgressionSuggestion"]),
                ("post", "/api/v1/progress/{id}/accept", "201", ["undoPersonalDose"]),
            ]
            for (method, path, status, targets) in expected {
                let links = document.operation(method, path)?["responses"]?[status]?["links"]?.object ?? [:]
                let linked = Set(links.values.compactMap { $0["operationId"]?.string })
                #expect(linked == targets, "\(method) \(path) \(status)")
                #expect(linked.isSubset(of: operationIDs), "\(method) \(path) links to no such operation")
            }
        }
    }
}
