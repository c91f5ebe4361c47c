import Hummingbird
import LimberCore

/// Read-only catalog: regions and exercises, in the same shapes as the catalog file.
struct CatalogController {
    let services: APIServices

    func addRoutes(to group: RouterGroup<LimberRequestContext>) {
        group.get("regions") { _, _ in try APIJSON.response(services.catalog.coveredRegions) }
        group.get("exercises") { request, _ in
            guard let region = request.uri.queryParameters["region"].map(String.init) else {
                return try APIJSON.response(services.catalog.exercises)
            }
            guard services.catalog.region(region) != nil else { throw unknownRegion(region) }
            return try APIJSON.response(services.catalog.exercises(for: region))
        }
        group.get("exercises/{id}") { _, context in
            let id = try context.parameters.require("id")
            guard let exercise = services.catalog.exercise(id) else { throw Problem.notFound("Exercise \"\(id)\"") }
            return try APIJSON.response(exercise)
        }
    }

    func unknownRegion(_ region: String) -> Problem {
        Problem(
            .badRequest,
            PlanningError.unsupportedRegion(region, supported: services.catalog.coveredRegions.map(\.id)).description,
            field: "region")
    }
}
