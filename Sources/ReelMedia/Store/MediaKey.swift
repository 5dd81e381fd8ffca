/// The name of one stored media object of a video: its raw upload, a rendition or its poster.
///
/// Every engine stores an object under ``path`` (`uploads/<id>.upload`, `videos/<id>.mp4`,
/// `videos/<id>.<rendition>.mp4`, `posters/<id>.jpg`): a file below the region's media folder on
/// disk, an object key in the region's bucket on S3. Paths are derived from the video's ID alone,
/// so the database stores none. IDs must be URL-safe (``isValidID(_:)``); anything else is a
/// programming error and traps, because a path built from an unchecked string could escape the
/// store.
public struct MediaKey: Hashable, Sendable, CustomStringConvertible {
    /// The video the object belongs to.
    public let videoID: String
    /// Which of the video's objects this is.
    public let kind: Kind

    /// The kinds of objects a video has.
    public enum Kind: Hashable, Sendable {
        /// The raw upload, kept until it has been transcoded.
        case upload
        /// The default rendition, served when no rendition is named.
        case defaultRendition
        /// Another rung of the ladder, by name (e.g. `360p`).
        case rendition(String)
        /// The JPEG poster.
        case poster
    }

    /// The raw upload of video `id`. Its name has no media extension, so ffprobe identifies the
    /// content, not the name.
    public static func upload(_ id: String) -> MediaKey { MediaKey(videoID: id, kind: .upload) }

    /// The JPEG poster of video `id`.
    public static func poster(_ id: String) -> MediaKey { MediaKey(videoID: id, kind: .poster) }

    /// The default rendition of video `id` (`videos/<id>.mp4`).
    public static func video(_ id: String) -> MediaKey { MediaKey(videoID: id, kind: .defaultRendition) }

    /// Where `rendition` of video `id`, one of `renditions`, lives: the default rendition
    /// (``RenditionLadder/defaultRendition(of:)``) at ``video(_:)``, the others at
    /// `videos/<id>.<name>.mp4`.
    /// - Precondition: `rendition.name` is a ladder rung's name.
    public static func video(_ id: String, rendition: Rendition, of renditions: [Rendition]) -> MediaKey {
        precondition(RenditionLadder.rung(named: rendition.name) != nil, "unknown rendition \(rendition.name)")
        if rendition == RenditionLadder.defaultRendition(of: renditions) { return video(id) }
        return MediaKey(videoID: id, kind: .rendition(rendition.name))
    }

    /// Every key a video of ID `id` can have: its upload, poster, default rendition and one per rung.
    public static func allKeys(of id: String) -> [MediaKey] {
        [upload(id), poster(id), video(id)] + RenditionLadder.rungs.map { MediaKey(videoID: id, kind: .rendition($0.name)) }
    }

    private init(videoID: String, kind: Kind) {
        precondition(Self.isValidID(videoID), "media ID must be URL-safe: \(videoID.debugDescription)")
        self.videoID = videoID
        self.kind = kind
    }

    /// The object's path relative to the store: folder, `/`, file name.
    public var path: String { "\(folder)/\(fileName)" }

    /// The first path component: `uploads`, `videos` or `posters`.
    public var folder: String {
        switch kind {
        case .upload: "uploads"
        case .defaultRendition, .rendition: "videos"
        case .poster: "posters"
        }
    }

    /// The last path component, e.g. `<id>.360p.mp4`.
    public var fileName: String {
        switch kind {
        case .upload: "\(videoID).upload"
        case .defaultRendition: "\(videoID).mp4"
        case .rendition(let name): "\(videoID).\(name).mp4"
        case .poster: "\(videoID).jpg"
        }
    }

    /// The media type the object is served with.
    public var contentType: String {
        switch kind {
        case .upload: "application/octet-stream"
        case .defaultRendition, .rendition: "video/mp4"
        case .poster: "image/jpeg"
        }
    }

    public var description: String { path }

    /// The folders every store has, in the order ``path`` uses them.
    static let folders = ["uploads", "videos", "posters"]

    /// Whether `id` may name media objects: 1–128 characters from `A–Z a–z 0–9 _ -`.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
