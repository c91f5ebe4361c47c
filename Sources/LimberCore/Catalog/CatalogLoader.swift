import Foundation

/// Reads catalog files, checks them, and merges a user catalog over the bundled one.
public enum CatalogLoader {
    /// The file name errors name for the catalog that ships with Limber.
    public static let bundledFileName = "catalog.json"

    /// The bundled catalog's bytes.
    public static func bundledData() throws(CatalogError) -> Data {
        guard let url = Bundle.module.url(forResource: "catalog", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else {
            throw CatalogError(file: bundledFileName, path: "", message: "is missing from the installation")
        }
        return data
    }

    /// The bundled catalog, with a user catalog merged over it when one is given.
    /// Entries in the user file replace bundled entries with the same id and add the rest.
    public static func load(userCatalogPath: String? = nil) throws(CatalogError) -> Catalog {
        var files = [(name: bundledFileName, file: try decode(bundledData(), name: bundledFileName))]
        if let userCatalogPath {
            let url = URL(fileURLWithPath: userCatalogPath)
            guard let data = try? Data(contentsOf: url) else {
                throw CatalogError(
                    file: userCatalogPath, path: "", message: "cannot be read; check the path and its permissions")
            }
            files.append((userCatalogPath, try decode(data, name: userCatalogPath)))
        }
        return try merge(files)
    }

    /// Decodes one file and checks it on its own.
    public static func decode(_ data: Data, name: String) throws(CatalogError) -> CatalogFile {
        let file: CatalogFile
        do {
            file = try JSONDecoder().decode(CatalogFile.self, from: data)
        } catch let error as DecodingError {
            throw CatalogError(file: name, decodingError: error)
        } catch {
            throw CatalogError(file: name, path: "", message: "could not be read (\(error.localizedDescription))")
        }
        try CatalogValidator.checkFile(file, name: name)
        return file
    }

    /// Merges files in order, later ones replacing earlier entries by id, then checks references.
    public static func merge(_ files: [(name: String, file: CatalogFile)]) throws(CatalogError) -> Catalog {
        typealias Origin = (file: String, path: String)
        var regions = OrderedByID<Region>()
        var exercises = OrderedByID<(Exercise, origin: Origin)>()
        var routines = OrderedByID<(Routine, origin: Origin)>()
        for (name, file) in files {
            for region in file.regions { regions.upsert(region, id: region.id) }
            for (i, exercise) in file.exercises.enumerated() {
                exercises.upsert((exercise, (name, "exercises[\(i)]")), id: exercise.id)
            }
            for (i, routine) in file.routines.enumerated() {
                routines.upsert((routine, (name, "routines[\(i)]")), id: routine.id)
            }
        }
        try CatalogValidator.checkReferences(
            regions: regions.values, exercises: exercises.values, routines: routines.values)
        return Catalog(
            version: 1, regions: regions.values, exercises: exercises.values.map(\.0),
            routines: routines.values.map(\.0))
    }
}

/// Keeps the first position of each id while letting a later entry replace its value.
private struct OrderedByID<Value> {
    private(set) var values: [Value] = []
    private var positions: [String: Int] = [:]

    mutating func upsert(_ value: Value, id: String) {
        if let position = positions[id] {
            values[position] = value
        } else {
            positions[id] = values.count
            values.append(value)
        }
    }
}
