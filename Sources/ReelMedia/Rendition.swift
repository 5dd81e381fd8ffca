/// One progressive MP4 of a video at one rung of the ``RenditionLadder``.
///
/// Everything here follows from the video's top size, so a rendition list can be rebuilt from the
/// stored width and height alone (``RenditionLadder/renditions(topWidth:topHeight:)``).
public struct Rendition: Sendable, Equatable, Hashable, Codable {
    /// The rung's name, e.g. `360p`; safe in file names and URLs (`[0-9a-z]`).
    public var name: String
    /// Width in pixels (even, square pixels).
    public var width: Int
    /// Height in pixels (even).
    public var height: Int
    /// Upper bound of the encoded bit rate in bits per second, video and audio together: what a
    /// client must sustain to play it without stalling.
    public var bitrate: Int

    /// Creates a rendition description.
    public init(name: String, width: Int, height: Int, bitrate: Int) {
        self.name = name
        self.width = width
        self.height = height
        self.bitrate = bitrate
    }
}
