import Foundation
import Hummingbird
import Logging

/// Serves the bundled CSS, JS and SVG under /static.
enum StaticFiles {
    static func makeMiddleware(logger: Logger) -> FileMiddleware<LimberRequestContext, LocalFileSystem> {
        let folder = Bundle.module.resourceURL!.appendingPathComponent("public").path
        return FileMiddleware(folder, urlBasePath: "/static", logger: logger)
    }
}
