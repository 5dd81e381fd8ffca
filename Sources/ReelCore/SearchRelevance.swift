/// How well one search result matches: BM25's term-frequency saturation and length normalisation
/// with per-field weights (BM25F, Robertson & Zaragoza, "The Probabilistic Relevance Framework:
/// BM25 and Beyond", 2009, §3 and §5), computed from the result alone.
///
/// Search requires every term in every result, so the inverse document frequency would only
/// re-weigh terms that all results share; leaving it out, together with fixed reference lengths
/// instead of the corpus's average, makes a result's score depend on nothing but its own text.
/// That is what lets search pages continue from the last (score, ID) without repeats or skips while
/// other content is uploaded, edited or removed.
public enum SearchRelevance {
    /// BM25's term-frequency saturation.
    public static let k1 = 1.2
    /// BM25's length normalisation.
    public static let b = 0.75

    /// One searchable field of a result.
    public struct Field: Sendable {
        /// How much a match here counts relative to other fields.
        public var weight: Double
        /// Length in tokens at which the field is neither favoured nor penalised for its length.
        public var referenceLength: Double
        /// The field's text, already folded by ``SearchText/fold(_:)``.
        public var foldedText: String

        /// Creates a field.
        public init(weight: Double, referenceLength: Double, foldedText: String) {
            self.weight = weight
            self.referenceLength = referenceLength
            self.foldedText = foldedText
        }
    }

    /// The score (higher is better) of a result with `fields` for `terms` (from ``SearchText/terms(_:)``),
    /// each matched as a token prefix, as the index matches them.
    /// - Complexity: O(terms × tokens).
    public static func score(terms: [String], fields: [Field]) -> Double {
        var score = 0.0
        for field in fields {
            let tokens = SearchText.tokens(ofFolded: field.foldedText)
            let lengthFactor = 1 - b + b * Double(tokens.count) / max(field.referenceLength, 1)
            for term in terms {
                let frequency = Double(tokens.count { $0.hasPrefix(term) })
                guard frequency > 0 else { continue }
                score += field.weight * frequency * (k1 + 1) / (frequency + k1 * lengthFactor)
            }
        }
        return score
    }
}
