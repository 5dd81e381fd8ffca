/// The renditions one ``Transcoder`` run wrote, as measured by probing them afterwards.
public struct TranscodedVideo: Sendable, Equatable {
    /// Duration in milliseconds (the longest rendition's, which all share).
    public var durationMilliseconds: Int
    /// Width in pixels of the largest rendition the video has after this run.
    public var width: Int
    /// Height in pixels of the largest rendition the video has after this run.
    public var height: Int
    /// Size of the files this run wrote, together, in bytes.
    public var byteCount: Int64
    /// The renditions this run wrote, ascending by size. All the video has so far is
    /// ``RenditionLadder/renditions(topWidth:topHeight:)`` of ``width``×``height``.
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
