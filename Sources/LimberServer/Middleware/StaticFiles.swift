import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Serves the bundled CSS, JS and SVG under /static, from memory.
///
/// The public folder is small and changes only with a new build, so every file is read once when
/// the router is built and compressed once (see `CachedBody`): a client that accepts gzip
/// gets the gzip bytes, any other client the plain ones, each variant with its own strong ETag
/// and a 304 for a matching If-None-Match. Nothing touches the disk while serving, so no request
/// path can reach outside the folder. Range requests are not offered (no Accept-Ranges): the files
/// are a few KB. An unknown name throws 404, so ErrorMiddleware answers with the error page.
struct StaticFiles: RouterMiddleware {
    typealias Context = LimberRequestContext

    /// The URL path the files are served under.
    static let urlBasePath = "/static/"

    /// Project default, not a standard: an hour's freshness, after which the browser revalidates
    /// with If-None-Match. The files change only with a new build, but URLs carry no version, so a
    /// longer life would keep an old stylesheet after an upgrade.
    static let cacheControl = "public, max-age=3600"

    /// The files by URL path below `urlBasePath`, e.g. `style.css`.
    let files: [String: CachedBody]

    /// The middleware over the bundle's `public` folder.
    static func makeMiddleware(logger: Logger) throws -> StaticFiles {
        try StaticFiles(folder: Bundle.module.resourceURL!.appendingPathComponent("public"), logger: logger)
    }

    /// Reads and compresses every file below `folder`, hidden files left out.
    init(folder: URL, logger: Logger) throws {
        let folder = folder.standardizedFileURL.resolvingSymlinksInPath()
        var files: [String: CachedBody] = [:]
        let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let name = String(url.resolvingSymlinksInPath().path.dropFirst(folder.path.count + 1))
            let contentType = MediaType.getMediaType(forExtension: url.pathExtension)?.description
            files[name] = try CachedBody(
                ByteBuffer(bytes: try Data(contentsOf: url)), contentType: contentType ?? "application/octet-stream",
                cacheControl: Self.cacheControl)
        }
        self.files = files
        logger.info(
            "Serving static files from memory",
            metadata: [
                "folder": "\(folder.path)", "files": "\(files.count)",
                "bytes": "\(files.values.reduce(0) { $0 + $1.plain.readableBytes })",
                "gzipBytes": "\(files.values.reduce(0) { $0 + ($1.gzip ?? $1.plain).readableBytes })",
            ])
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get || request.method == .head, request.uri.path.hasPrefix(Self.urlBasePath) else {
            return try await next(request, context)
        }
        let name = request.uri.path.dropFirst(Self.urlBasePath.count).removingPercentEncoding
        guard let name, let file = files[name] else { throw HTTPError(.notFound) }
        return file.response(to: request)
    }
}
