import Foundation
import Hummingbird

/// Serves the bundled CSS, JS and SVG under /static.
enum StaticFiles {
    static func makeMiddleware() -> FileMiddleware<LimberRequestContext, LocalFileSystem> {
        let folder = Bundle.module.resourceURL!.appendingPathComponent("public").path
        return FileMiddleware(folder, urlBasePath: "/static")
    }
}
