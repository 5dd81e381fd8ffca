/// One hashtag of a caption: the text as the creator typed it and the key it is found by.
///
/// JSON: `{"display": "Café", "key": "café"}`. Clients link `key` (the path segment of
/// `/v1/hashtags/{key}/videos`) and show `display`; they never parse or normalise tags themselves.
public struct Hashtag: Sendable, Codable, Hashable {
    /// The tag exactly as typed after `#` (cut at ``Hashtags/maxLength`` characters).
    public var display: String
    /// The normalised form from ``Hashtags/normalise(_:)``; equal keys are the same tag.
    public var key: String

    /// Creates a tag from its display form and key.
    public init(display: String, key: String) {
        self.display = display
        self.key = key
    }
}
