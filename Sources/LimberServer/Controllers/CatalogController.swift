import Hummingbird
import LimberCore

/// Read-only catalog: regions and exercises, in the same shapes as the catalog file.
///
/// The catalog cannot change while the server runs, so every answer is encoded once, when the
/// server starts, and then only sent.
struct CatalogController {
    let services: APIServices
    private let regions: CachedBody
    private let exercises: CachedBody
    private let exercisesByRegion: [String: CachedBody]
    private let exercisesByID: [String: CachedBody]

    init(services: APIServices) throws {
        self.services = services
        let catalog = services.catalog
        regions = try CachedBody(json: catalog.coveredRegions)
        exercises = try CachedBody(json: catalog.exercises)
        exercisesByRegion = try Dictionary(
            uniqueKeysWithValues: catalog.regions.map { ($0.id, try CachedBody(json: catalog.exercises(for: $0.id))) })
        exercisesByID = try Dictionary(
            uniqueKeysWithValues: catalog.exercises.map { ($0.id, try CachedBody(json: $0)) })
    }

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("regions") { request, _ in regions.response(to: request) }
        group.get("exercises") { request, _ in
            guard let region = request.uri.queryParameters["region"].map(String.init) else {
                return exercises.response(to: request)
            }
            guard let body = exercisesByRegion[region] else { throw Self.unknownRegion(region, in: services.catalog) }
            return body.response(to: request)
        }
        group.get("exercises/{id}") { request, context in
            let id = try context.parameters.require("id")
            guard let body = exercisesByID[id] else { throw Problem.notFound("Exercise \"\(id)\"") }
            return body.response(to: request)
        }
    }

    static func unknownRegion(_ region: String, in catalog: Catalog) -> Problem {
        Problem(
            .badRequest,
            PlanningError.unsupportedRegion(region, supported: catalog.coveredRegions.map(\.id)).description,
            field: "region")
    }
}
