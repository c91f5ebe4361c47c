/// Where a fact in the catalog comes from. Every exercise and routine names at least one.
public struct Source: Codable, Sendable, Hashable {
    public enum Kind: String, CatalogEnum {
        /// The article Limber's six core exercises come from.
        case seed
        /// A published source: a health service page, a trial, a guideline.
        case reference
    }

    public var kind: Kind
    public var title: String?
    public var publisher: String?
    public var url: String?
    /// The dose fields whose numbers this source gives for the exercise or routine that cites it, named as in
    /// `Exercise.doseFieldNames` (`hold.seconds`, `sets`, ...). Empty for a source that backs no number.
    public var doseFields: [String]

    public init(
        kind: Kind, title: String? = nil, publisher: String? = nil, url: String? = nil, doseFields: [String] = []
    ) {
        self.kind = kind
        self.title = title
        self.publisher = publisher
        self.url = url
        self.doseFields = doseFields
    }

    /// How the source reads in a list for a person.
    public var citation: String {
        switch kind {
        case .seed:
            return "Stretches for muscle spasms (the article Limber's core exercises come from, 2016)"
        case .reference:
            return [publisher, title].compactMap { $0 }.joined(separator: ": ")
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, title, publisher, url, doseFields
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        publisher = try c.decodeIfPresent(String.self, forKey: .publisher)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        doseFields = try c.decodeIfPresent([String].self, forKey: .doseFields) ?? []
    }

    /// Leaves `doseFields` out when empty, so sources that back no number encode as they always have.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(publisher, forKey: .publisher)
        try c.encodeIfPresent(url, forKey: .url)
        if !doseFields.isEmpty { try c.encode(doseFields, forKey: .doseFields) }
    }

    /// True when both name the same work, whatever numbers each is cited for.
    public func citesSameWork(as other: Source) -> Bool {
        (kind, title, publisher, url) == (other.kind, other.title, other.publisher, other.url)
    }
}
