import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a test server, for what an HTTP client library will not do: send half
/// a header, write a whole body before reading, or go away mid-body. Blocking socket calls run on a
/// thread of their own, never on the cooperative pool the server's handlers need.
final class RawHTTPConnection: @unchecked Sendable {  // the descriptor is used by one caller at a time
    let descriptor: Int32

    /// Connects to 127.0.0.1:`port`; `sendBufferBytes` shrinks the kernel's send buffer, so that a
    /// write blocks as soon as the server stops reading.
    init(port: Int, sendBufferBytes: Int32? = nil) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EBADF) }
        if var size = sendBufferBytes {
            setsockopt(descriptor, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(descriptor); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes`, giving up when the server has not taken any for `stallTimeout`.
    /// - Returns: true when every byte was written.
    func write(_ bytes: [UInt8], stallTimeout: Duration = .seconds(10)) async -> Bool {
        await Self.onOwnThread { [descriptor] in
            var timeout = timeval(tv_sec: Int(stallTimeout.components.seconds), tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }

    /// Writes `text` as UTF-8.
    func write(_ text: String) async -> Bool { await write(Array(text.utf8)) }

    /// Reads until the server closes the connection or `deadline` passes.
    /// - Returns: what arrived, and whether the server closed the connection.
    func readUntilClosed(deadline: Duration) async -> (text: String, isClosed: Bool) {
        await Self.onOwnThread { [descriptor] in
            let end = ContinuousClock.now + deadline
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while ContinuousClock.now < end {
                let left = end - ContinuousClock.now
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
                guard poll(&poller, 1, milliseconds) > 0 else { continue }
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count <= 0 { return (String(decoding: data, as: UTF8.self), true) }
                data.append(contentsOf: buffer[0..<count])
            }
            return (String(decoding: data, as: UTF8.self), false)
        }
    }

    /// Reads until at least `count` bytes have arrived, the server closes, or `deadline` passes.
    /// - Returns: what arrived.
    func read(atLeast count: Int, deadline: Duration) async -> [UInt8] {
        await Self.onOwnThread { [descriptor] in
            let end = ContinuousClock.now + deadline
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while data.count < count, ContinuousClock.now < end {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 100) > 0 else { continue }
                let received = recv(descriptor, &buffer, min(buffer.count, count - data.count), 0)
                if received <= 0 { break }
                data.append(contentsOf: buffer[0..<received])
            }
            return data
        }
    }

    /// Ends the connection in both directions, as a client that gives up mid-request does.
    func abort() {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    private static func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}
