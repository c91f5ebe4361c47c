import LimberPostgres
import Testing

/// Reading the address needs no server, so these run everywhere.
@Suite("PostgresStore reads its address")
struct PostgresStoreURLTests {
    @Test("An address that is not postgres://USER@HOST/DB is refused without naming its password")
    func refusesABadAddress() throws {
        for address in ["mysql://limber@localhost/limber", "postgres://localhost/limber", "postgres://u:secret@h/"] {
            #expect(throws: PostgresStoreError.invalidURL(address)) { try PostgresStore.configuration(url: address) }
            #expect(!PostgresStoreError.invalidURL(address).description.contains("secret"))
        }
        let configuration = try PostgresStore.configuration(url: "postgres://limber:pw@db.example:6543/diary")
        #expect(configuration.host == "db.example")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "limber" && configuration.password == "pw")
        #expect(configuration.database == "diary")
    }
}
