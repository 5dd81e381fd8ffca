import Foundation
import Logging
import ReelCore
import ReelStore

/// A single-range `Range: bytes=…` request header (RFC 9110 §14), resolved against a file size.
enum ByteRange: Equatable {
    /// No usable range: serve the whole file with 200.
    case whole
    /// Serve these bytes with 206.
    case partial(ClosedRange<Int>)
    /// No byte of the range is in the file: answer 416.
    case unsatisfiable

    /// Parses `header` for a file of `size` bytes. Multiple ranges and malformed headers are
    /// ignored (the whole file is served), as RFC 9110 allows.
    init(header: String?, size: Int) {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { self = .whole; return }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { self = .whole; return }
        switch (Int(parts[0]), Int(parts[1]), parts[0].isEmpty, parts[1].isEmpty) {
        case (let start?, let end?, _, _) where start <= end:
            self = start < size ? .partial(start...min(end, size - 1)) : .unsatisfiable
        case (let start?, nil, _, true):
            self = start < size ? .partial(start...(size - 1)) : .unsatisfiable
        case (nil, let suffix?, true, _):
            self = suffix > 0 && size > 0 ? .partial(max(0, size - suffix)...(size - 1)) : .unsatisfiable
        default:
            self = .whole
        }
    }
}
