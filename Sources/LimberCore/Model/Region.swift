/// A place on the body where a spasm or cramp happens, such as `calf` or `lower-back`.
public struct Region: Codable, Sendable, Hashable, Identifiable {
    /// Which drawing of the body map shows the region.
    public enum View: String, CatalogEnum {
        case front
        case back
    }

    /// Stable kebab-case id, used in URLs, the diary and the command line.
    public var id: String
    /// Display name, as people say it ("Back of the thigh").
    public var name: String
    /// One plain sentence on where exactly this is.
    public var about: String
    public var view: View
    /// True when the region exists on a left and a right side, so a side can be chosen.
    public var isSided: Bool

    public init(id: String, name: String, about: String, view: View, isSided: Bool) {
        self.id = id
        self.name = name
        self.about = about
        self.view = view
        self.isSided = isSided
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, about, view
        case isSided = "sided"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        about = try c.decode(String.self, forKey: .about)
        view = try c.decode(View.self, forKey: .view)
        isSided = try c.decode(Bool.self, forKey: .isSided)
    }
}

/// The left or right side of the body.
public enum Side: String, CatalogEnum {
    case left
    case right

    public var title: String { self == .left ? "Left" : "Right" }
}
