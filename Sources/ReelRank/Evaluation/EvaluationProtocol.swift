import Foundation

/// Which test interactions count as relevant in `TimeSplit`.
///
/// Both protocols exclude every item the user interacted with in training from their list and
/// from their relevant set; they differ in which of the remaining test items count.
public enum EvaluationProtocol: String, Sendable, Hashable, CaseIterable, Codable {
    /// The common protocol of implicit-feedback evaluation (e.g. the `implicit` and RecBole
    /// time-split set-ups): every test interaction, at any weight, on an item that occurs in the
    /// training period. Cold items (never seen in training) are dropped, since no recommender fed
    /// the training period can know them.
    case standard
    /// Reel's earlier, stricter protocol: only test interactions with weight ≥ the positive
    /// threshold count, and cold items stay relevant, so a recommender that cannot reach them pays.
    case strict

    /// One line for report headers, e.g. "relevant = every test interaction on a training item".
    public func describe(threshold: Double) -> String {
        switch self {
        case .standard: "standard protocol: relevant = every test interaction on an item seen in training"
        case .strict: "strict protocol: relevant = test weight ≥ \(String(format: "%.1f", threshold)), cold items included"
        }
    }
}
