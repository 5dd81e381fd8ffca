import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// TCP ports for servers the tests start as child processes.
enum TestPorts {
    /// `count` consecutive ports on 127.0.0.1 that are free now, below the kernel's ephemeral range
    /// (32768–60999 on Linux), so an outgoing connection of another test cannot take one before the
    /// child binds it; picked at random so parallel runs on one machine rarely meet.
    /// - Returns: The first port; the others follow it.
    static func free(count: Int = 1) -> Int {
        while true {
            let first = Int.random(in: 20_000...(32_000 - count))
            if (first..<(first + count)).allSatisfy(isFree) { return first }
        }
    }

    /// Whether a TCP socket can bind 127.0.0.1:`port` now.
    private static func isFree(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
