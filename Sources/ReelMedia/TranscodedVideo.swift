/// The playable MP4 a ``Transcoder`` wrote, as measured by probing it afterwards.
public struct TranscodedVideo: Sendable, Equatable {
    /// Duration in milliseconds.
    public var durationMilliseconds: Int
    /// Width in pixels (even, at most the transcoder's `maxWidth`).
    public var width: Int
    /// Height in pixels (even, at most the transcoder's `maxHeight`).
    public var height: Int
    /// Size of the file in bytes.
    public var byteCount: Int64

    /// Creates a description.
    public init(durationMilliseconds: Int, width: Int, height: Int, byteCount: Int64) {
        self.durationMilliseconds = durationMilliseconds
        self.width = width
        self.height = height
        self.byteCount = byteCount
    }
}
