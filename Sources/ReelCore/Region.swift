/// The short code of a data region, such as `us`, `eu` or `global`.
public struct RegionCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The code as written in configuration and URLs.
    public let rawValue: String

    /// Wraps a code.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Wraps a literal code.
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }
    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// One data region: a jurisdiction with its own store, media folder and recommender.
public struct RegionDefinition: Hashable, Sendable, Codable {
    /// Short code, e.g. `eu`.
    public var code: RegionCode
    /// The 5-bit index carried by every ID made in this region. Never reuse or renumber one.
    public var index: Int
    /// Human-readable name, e.g. "European Union / EEA".
    public var name: String
    /// ISO 3166-1 alpha-2 country codes (upper case) whose residents live in this region.
    public var countries: [String]

    /// Creates a region definition.
    public init(code: RegionCode, index: Int, name: String, countries: [String]) {
        self.code = code
        self.index = index
        self.name = name
        self.countries = countries
    }
}

/// The set of regions and the country → region map.
///
/// A country not listed by any region maps to ``defaultRegion``.
public struct RegionMap: Sendable {
    /// All regions, ordered by index.
    public let regions: [RegionDefinition]
    /// Region for countries that no region lists.
    public let defaultRegion: RegionCode
    private let byCountry: [String: RegionCode]
    private let byIndex: [Int: RegionDefinition]
    private let byCode: [RegionCode: RegionDefinition]

    /// Validates and builds the map.
    /// - Throws: ``ReelError`` (`invalid_config`) for duplicate codes or indexes, an index
    ///   outside `0...31`, a country in two regions, or an unknown default region.
    public init(regions: [RegionDefinition], defaultRegion: RegionCode) throws {
        var byCountry: [String: RegionCode] = [:]
        var byIndex: [Int: RegionDefinition] = [:]
        var byCode: [RegionCode: RegionDefinition] = [:]
        for region in regions {
            guard (0...ReelID.maxRegionIndex).contains(region.index) else {
                throw ReelError.invalidConfig("region \(region.code) has index \(region.index); it must be 0...\(ReelID.maxRegionIndex)")
            }
            guard region.code.rawValue.allSatisfy({ $0.isLetter || $0.isNumber }), !region.code.rawValue.isEmpty else {
                throw ReelError.invalidConfig("region code '\(region.code)' must be letters and digits")
            }
            guard byIndex.updateValue(region, forKey: region.index) == nil else {
                throw ReelError.invalidConfig("two regions share index \(region.index)")
            }
            guard byCode.updateValue(region, forKey: region.code) == nil else {
                throw ReelError.invalidConfig("two regions share code \(region.code)")
            }
            for country in region.countries {
                guard byCountry.updateValue(region.code, forKey: country.uppercased()) == nil else {
                    throw ReelError.invalidConfig("country \(country) is in two regions")
                }
            }
        }
        guard byCode[defaultRegion] != nil else {
            throw ReelError.invalidConfig("default region \(defaultRegion) is not defined")
        }
        self.regions = regions.sorted { $0.index < $1.index }
        self.defaultRegion = defaultRegion
        self.byCountry = byCountry
        self.byIndex = byIndex
        self.byCode = byCode
    }

    /// The home region for a declared country (ISO alpha-2, any case).
    public func region(forCountry country: String) -> RegionCode {
        byCountry[country.uppercased()] ?? defaultRegion
    }

    /// The region that owns an ID, or nil if the ID names no configured region.
    public func region(of id: ReelID) -> RegionDefinition? { byIndex[id.regionIndex] }

    /// The definition for a code, or nil if unknown.
    public func definition(for code: RegionCode) -> RegionDefinition? { byCode[code] }

    /// The default three regions: `us`, `eu` (EU/EEA) and `global`.
    public static let standard: RegionMap = {
        // The literal below is valid by construction, so the force-try cannot fail.
        try! RegionMap(regions: [
            RegionDefinition(code: "us", index: 1, name: "United States", countries: ["US"]),
            RegionDefinition(code: "eu", index: 2, name: "European Union / EEA", countries: [
                "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
                "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
            ]),
            RegionDefinition(code: "global", index: 3, name: "Rest of the world", countries: []),
        ], defaultRegion: "global")
    }()
}
