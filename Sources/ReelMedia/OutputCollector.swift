import Dispatch
import Foundation
import Synchronization

/// Reads one pipe to EOF on a dispatch thread, keeping its first (or last) `limit` bytes.
final class OutputCollector: Sendable {
    private let limit: Int
    private let keepsTail: Bool
    private let buffer = Mutex(Data())

    init(limit: Int, keepsTail: Bool) {
        self.limit = limit
        self.keepsTail = keepsTail
    }

    var data: Data { buffer.withLock { $0 } }

    func drain(_ handle: FileHandle, in group: DispatchGroup) {
        group.enter()
        DispatchQueue.global().async {
            // A blocking read loop on a dispatch thread: readabilityHandler has been unreliable on Linux.
            while let chunk = try? handle.read(upToCount: 64 << 10), !chunk.isEmpty {
                self.append(chunk)
            }
            try? handle.close()
            group.leave()
        }
    }

    private func append(_ chunk: Data) {
        buffer.withLock { data in
            if keepsTail {
                data.append(chunk)
                if data.count > limit { data = Data(data.suffix(limit)) }
            } else if data.count < limit {
                data.append(chunk.prefix(limit - data.count))
            }
        }
    }
}
