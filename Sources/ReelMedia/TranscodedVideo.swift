/// The renditions a ``Transcoder`` wrote, as measured by probing them afterwards.
public struct TranscodedVideo: Sendable, Equatable {
    /// Duration in milliseconds (the longest rendition's, which all share).
    public var durationMilliseconds: Int
    /// Width of the top (largest) rendition in pixels.
    public var width: Int
    /// Height of the top rendition in pixels.
    public var height: Int
    /// Size of all rendition files together in bytes.
    public var byteCount: Int64
    /// Every rendition written, ascending by size; ``RenditionLadder/renditions(topWidth:topHeight:)``
    /// of ``width``×``height`` gives the same list.
    public var renditions: [Rendition]

    /// Creates a description.
    public init(durationMilliseconds: Int, width: Int, height: Int, byteCount: Int64, renditions: [Rendition]) {
        self.durationMilliseconds = durationMilliseconds
        self.width = width
        self.height = height
        self.byteCount = byteCount
        self.renditions = renditions
    }
}
