import Foundation

extension ReelConfiguration {
    /// The folder of the community guidelines, `<dataDirectory>/guidelines/<region>/<version>.md`
    /// (``GuidelinesLibrary``; docs/safety.md, "Community guidelines").
    public var guidelinesDirectory: URL { dataDirectory.appendingPathComponent("guidelines", isDirectory: true) }
}
