#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// A swift-log handler that formats lines as swift-log's `StreamLogHandler` does
/// (`<time> <level> <label>: <key=value …> [<source>] <message>`) and appends them to a
/// ``LogBuffer`` instead of writing each one to the descriptor.
public struct BufferedLogHandler: LogHandler {
    private let label: String
    private let buffer: LogBuffer
    /// Messages below this level are dropped (by `Logger`).
    public var logLevel: Logger.Level = .info
    /// Metadata attached to every line of this logger.
    public var metadata: Logger.Metadata = [:]
    /// Contributes task-local metadata to every line.
    public var metadataProvider: Logger.MetadataProvider?

    /// A handler for loggers labelled `label`, writing into `buffer`.
    public init(label: String, buffer: LogBuffer) {
        self.label = label
        self.buffer = buffer
    }

    /// One metadata item of this logger.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats `event` and buffers it; a warning or worse is written at once with all before it.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error { merged["error"] = "\(error)" }
        let pairs = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        buffer.append("\(Self.timestamp()) \(event.level) \(label):\(pairs) [\(event.source)] \(event.message)\n",
                      isUrgent: event.level >= .warning)
    }

    /// Local time as `2026-11-30T08:00:00+0000`, as `StreamLogHandler` writes it.
    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return "<unknown>" }
        var text = [CChar](repeating: 0, count: 32)
        let count = strftime(&text, text.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: text.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
