import LimberCore
import LimberServer
import Testing

@Suite("The public URL a phone uses")
struct PublicURLTests {
    @Test(
        "An http or https address with a host is accepted and written back without a trailing slash",
        arguments: [
            ("https://limber.home.arpa", "https://limber.home.arpa"),
            ("https://limber.home.arpa/", "https://limber.home.arpa"),
            ("http://192.168.1.20:8080", "http://192.168.1.20:8080"),
            ("HTTP://Limber.Home.Arpa:8080/", "http://limber.home.arpa:8080"),
            ("http://[fd00::20]:8080", "http://[fd00::20]:8080"),
        ])
    func accepted(_ text: String, _ written: String) throws {
        #expect(try PublicURL(parsing: text).description == written)
    }

    @Test(
        "Anything else is refused in one line naming the option, the value and what is accepted",
        arguments: [
            ("ftp://limber.home.arpa", "http:// or https://"),
            ("limber.home.arpa", "http:// or https://"),
            ("", "give the address a phone uses"),
            ("http://", "put a host name"),
            ("https://limber.home.arpa/?x=1", "leave out the part from ? or #"),
            ("https://limber.home.arpa#top", "leave out the part from ? or #"),
            ("https://limber.home.arpa/limber", "leave out the path"),
            ("https://me:secret@limber.home.arpa", "leave out the user name and password"),
        ])
    func refused(_ text: String, _ accepted: String) {
        #expect {
            try PublicURL(parsing: text)
        } throws: { error in
            let message = (error as? FieldError)?.description ?? ""
            return message.hasPrefix("public-url: ") && message.contains(accepted) && !message.contains("\n")
                && message.contains("such as https://limber.home.arpa")
        }
    }
}
