import LimberCore
import LimberStore

/// What the server needs: where to listen, the catalog it serves and the store it keeps records in.
/// `limber serve` reads flags into this; tests build the same application with a test store.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var catalog: Catalog
    public var store: any Store
    /// Where the records live, shown in logs; nil for an in-memory store.
    public var databasePath: String?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, catalog: Catalog, store: any Store, databasePath: String? = nil
    ) {
        self.host = host
        self.port = port
        self.catalog = catalog
        self.store = store
        self.databasePath = databasePath
    }
}
