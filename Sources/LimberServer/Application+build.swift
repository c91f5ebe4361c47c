import Hummingbird
import LimberCore
import LimberStore
import Logging
import ServiceLifecycle

/// Builds the whole web application: pages, JSON API, static files and security middleware.
/// `limber serve` and the tests call this same function. `services` run in the application's
/// service group beside the HTTP server (the PostgreSQL pool), started first and stopped after
/// it; `beforeServerStarts` runs once they run and before the socket is bound (migrations and
/// start-up checks), and a throw there stops the start. `onServerRunning` runs once the socket
/// is bound and listening, so whatever it announces is true.
public func buildApplication(
    _ configuration: ServerConfiguration, logger: Logger = Logger(label: "limber"), services: [any Service] = [],
    beforeServerStarts: @escaping @Sendable () async throws -> Void = {},
    onServerRunning: @escaping @Sendable () async -> Void = {}
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(configuration, logger: logger)
    var application = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Limber"),
        services: services, onServerRunning: { _ in await onServerRunning() },
        logger: logger)
    application.beforeServerStarts(perform: beforeServerStarts)
    return application
}

/// The router alone, for tests that drive handlers without a socket.
public func buildRouter(
    _ configuration: ServerConfiguration, logger: Logger = Logger(label: "limber")
) async throws -> Router<LimberRequestContext> {
    let pages = try await PageRenderer.makeBundled()
    let safety = try SafetyLoader.bundled()
    let router = Router(context: LimberRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    // Outside the error middleware, so error pages and problem documents are compressed too.
    router.add(middleware: ResponseCompressionMiddleware())
    router.add(middleware: ErrorMiddleware(pages: pages, logger: logger))
    // Before every route, static files and the calendar feed included, but inside the security
    // headers so the refusal carries them too.
    router.add(middleware: HostCheckMiddleware(servedHosts: ServedHosts(configuration)))
    router.add(middleware: SameOriginMiddleware())
    router.add(middleware: try StaticFiles.makeMiddleware(logger: logger))
    // Static files name nobody; every route after this knows whose records it acts on.
    let signIn = SignIn(configuration)
    router.add(middleware: SignInMiddleware(signIn: signIn))

    let api = router.group("api/v1")
    let services = try APIServices(configuration)
    SignInPages(services: services, pages: pages, signIn: signIn).addRoutes(to: router)
    AccountPages(services: services, pages: pages, signIn: signIn, publicURL: configuration.publicURL)
        .addRoutes(to: router)
    try CatalogController(services: services).addRoutes(to: api)
    RoutineController(services: services).addRoutes(to: api)
    EpisodeController(services: services).addRoutes(to: api)
    SessionController(services: services).addRoutes(to: api)
    ExportController(services: services).addRoutes(to: api)
    ReviewController(services: services).addRoutes(to: api)
    ProgressController(services: services).addRoutes(to: api)
    ReminderController(services: services).addRoutes(to: api)
    ProfileController(services: services).addRoutes(to: api)
    try OpenAPIController(catalog: configuration.catalog, safety: safety).addRoutes(to: api)
    try SafetyController(safety: safety, catalog: configuration.catalog).addRoutes(to: api)

    CatalogPages(services: services, pages: pages).addRoutes(to: router)
    FigurePages(services: services, figures: services.figures).addRoutes(to: router)
    HandoutPages(services: services, pages: pages, safety: safety).addRoutes(to: router)
    let safetyCheck = SafetyCheckPages(services: services, pages: pages, safety: safety)
    safetyCheck.addRoutes(to: router)
    RoutinePages(services: services, pages: pages, safetyCheck: safetyCheck).addRoutes(to: router)
    DiaryPages(services: services, pages: pages).addRoutes(to: router)
    ProgressPages(services: services).addRoutes(to: router)
    let feedAddress = FeedAddress(configuration)
    ReminderPages(services: services, pages: pages, feedAddress: feedAddress).addRoutes(to: router)
    SettingsPages(services: services, pages: pages).addRoutes(to: router)
    CalendarFeedController(services: services, feedAddress: feedAddress).addRoutes(to: router)
    InfoPages(services: services, pages: pages, safety: safety).addRoutes(to: router)
    // Last, once every route is known: a middleware added now wraps only the router's not-found answer.
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
    return router
}
