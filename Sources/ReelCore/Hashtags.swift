/// Parses `#hashtags` out of captions.
public enum Hashtags {
    /// Longest tag kept, in characters; longer runs are cut.
    public static let maxLength = 64

    /// The distinct lower-cased tags in `caption`, in order of first use.
    ///
    /// A tag starts with `#` that is not preceded by a letter, digit or `_`, and runs over
    /// letters, digits and `_`. `#` alone, or followed by punctuation, is not a tag.
    /// - Complexity: O(n) in the caption's length.
    public static func parse(_ caption: String) -> [String] {
        var tags: [String] = []
        var seen = Set<String>()
        var current: String?
        var previous: Character = " "
        func flush() {
            if let tag = current, !tag.isEmpty {
                let cut = String(tag.prefix(maxLength))
                if seen.insert(cut).inserted { tags.append(cut) }
            }
            current = nil
        }
        for character in caption {
            if current != nil {
                if character.isLetter || character.isNumber || character == "_" {
                    current!.append(contentsOf: character.lowercased())
                    previous = character
                    continue
                }
                flush()
            }
            if character == "#" && !(previous.isLetter || previous.isNumber || previous == "_") {
                current = ""
            }
            previous = character
        }
        flush()
        return tags
    }

    /// Normalises a tag given in a URL or query: strips a leading `#` and lower-cases it.
    public static func normalise(_ tag: String) -> String {
        String(tag.drop(while: { $0 == "#" }).lowercased().prefix(maxLength))
    }
}
