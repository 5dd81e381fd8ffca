import ReelMedia

/// One media object that exists, found for a request: the region's store, the key and its size.
struct StoredMedia: Sendable {
    /// The region's media store.
    let store: any MediaStore
    /// The object.
    let key: MediaKey
    /// Its length in bytes.
    let size: Int

    /// Looks the object up; nil when the store has none at `key`.
    /// - Throws: ``MediaError`` when the store cannot be asked.
    init?(store: any MediaStore, key: MediaKey) async throws {
        guard let info = try await store.info(of: key) else { return nil }
        self.store = store
        self.key = key
        size = info.size
    }
}
